//! Pauses in long work, so a caller with a deadline (the page, between frames) can run it in
//! pieces while others run it at once (the command line, tests).
//!
//! Long work is written as an `async fn` that awaits [`Stride::over`] as it goes: after about
//! [`STRIDE`] bytes of input it pauses once. The work is the same either way; only where it may
//! stop differs. [`at_once`] runs such work to its end; [`Paced`] runs it one piece per
//! [`Paced::step`]. Nothing here waits for time or an event: a paused future is ready again as
//! soon as it is polled, so no executor or clock is needed (the core has neither).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// Bytes of input read between two pauses: about 20–30 ms of reading natively, 40–60 ms in the
/// page's wasm (a 4 MB schema is then 16 pieces).
pub const STRIDE: usize = 256 * 1024;

/// Counts the work done since the last pause: bytes read (a [`STRIDE`] between pauses, the
/// default) or items of another kind ([`Stride::every`]).
#[derive(Debug)]
pub(crate) struct Stride {
    since: usize,
    each: usize,
}

impl Default for Stride {
    fn default() -> Self {
        Stride::every(STRIDE)
    }
}

impl Stride {
    /// A pause after every `each` units of work.
    pub(crate) fn every(each: usize) -> Self {
        Stride { since: 0, each }
    }

    /// Records `units` of work done; pauses once `each` were done since the last pause.
    pub(crate) async fn over(&mut self, units: usize) {
        self.since = self.since.saturating_add(units);
        if self.since >= self.each {
            self.since = 0;
            Pause::default().await;
        }
    }
}

/// Pauses once (between two steps of a long piece of work).
pub(crate) async fn pause() {
    Pause::default().await;
}

/// Pauses once: pending at the first poll, ready at the next.
#[derive(Debug, Default)]
pub(crate) struct Pause {
    paused: bool,
}

impl Future for Pause {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.paused {
            Poll::Ready(())
        } else {
            self.paused = true;
            Poll::Pending
        }
    }
}

/// Runs `work` to its end, through every pause.
pub fn at_once<T>(work: impl Future<Output = T>) -> T {
    let mut work = std::pin::pin!(work);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(done) = work.as_mut().poll(&mut context) {
            return done;
        }
    }
}

/// Work run one piece at a time: each [`Paced::step`] runs it to its next pause.
pub struct Paced<'a, T> {
    work: Pin<Box<dyn Future<Output = T> + 'a>>,
}

impl<'a, T> Paced<'a, T> {
    /// `work`, not started yet.
    pub fn new(work: impl Future<Output = T> + 'a) -> Self {
        Paced {
            work: Box::pin(work),
        }
    }

    /// Runs the work to its next pause (pending) or its end (ready, with the result). Must not
    /// be called again once it was ready.
    pub fn step(&mut self) -> Poll<T> {
        self.work
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn count_to(n: usize, seen: &mut Vec<usize>) -> usize {
        let mut stride = Stride::default();
        for k in 0..n {
            seen.push(k);
            stride.over(STRIDE / 2).await;
        }
        n
    }

    #[test]
    fn paced_work_stops_at_each_pause_and_ends_as_at_once_does() {
        let mut seen = Vec::new();
        let mut paced = Paced::new(count_to(5, &mut seen));
        // Half a stride per item: a pause after items 1 and 3, then the end.
        let mut pieces = 0;
        let done = loop {
            pieces += 1;
            if let Poll::Ready(n) = paced.step() {
                break n;
            }
        };
        drop(paced);
        assert_eq!((done, pieces), (5, 3));
        assert_eq!(seen, [0, 1, 2, 3, 4]);
        let mut again = Vec::new();
        assert_eq!(at_once(count_to(5, &mut again)), 5);
        assert_eq!(again, seen);
    }
}
