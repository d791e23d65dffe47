//! The one number formatter of the workspace ([`fixed`]): every decimal Seams prints (the
//! picture's coordinates through `scene::num`, sizes in messages, the page's transforms) comes
//! from an integer, so the same input gives the same bytes natively and in wasm, and the page
//! carries no float-formatting code. [`read_fixed`] reads such a number back, again without
//! the standard float parser (whose tables cost about 20 KB gzip of the page).

/// The one number formatter: `v` with `places` decimals (at most 6), as `format!("{v:.places$}")`
/// writes it for the numbers Seams shows (ties rounded away from zero; a value that rounds to
/// zero has no sign; not finite prints as 0). Printed from an integer: float formatting took a
/// quarter of the time of drawing 1,000 nodes (every path corner is six numbers), and its code
/// about 5 KB of the page's bundle.
pub fn fixed(v: f64, places: u32) -> String {
    let places = places.min(6);
    let unit = 10u64.pow(places);
    let v = if v.is_finite() { v } else { 0.0 };
    // Far beyond any coordinate, size or duration Seams prints, the integer the digits come
    // from is clamped (an f64 holds no fraction there anyway).
    let scaled = (v * unit as f64).round().clamp(-9.0e18, 9.0e18) as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let magnitude = scaled.unsigned_abs();
    let (whole, fraction) = (magnitude / unit, magnitude % unit);
    if places == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction:0width$}", width = places as usize)
    }
}

/// The value [`fixed`]`(v, places)` prints, as a number: what [`read_fixed`] reads back from
/// it, without the text in between (`arrange` counts crossings on the picture's points as
/// printed, for many candidate layouts).
pub fn on_fixed(v: f64, places: u32) -> f64 {
    let unit = 10u64.pow(places.min(6));
    let v = if v.is_finite() { v } else { 0.0 };
    let scaled = (v * unit as f64).round().clamp(-9.0e18, 9.0e18) as i64;
    let sign = if scaled < 0 { -1.0 } else { 1.0 };
    sign * scaled.unsigned_abs() as f64 / unit as f64
}

/// Reads a number as [`fixed`] writes it (an optional `-`, digits, an optional `.` and at most
/// six decimals) back to its value; anything else is None. Used on the picture's own path data
/// (`arrange`), so the page needs no general float parser: `str::parse::<f64>` brings its
/// power-of-five tables into the bundle.
pub fn read_fixed(text: &str) -> Option<f64> {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    // 18 digits in all fit a u64 (no overflow whatever the text).
    if whole.is_empty() || fraction.len() > 6 || whole.len() + fraction.len() > 18 {
        return None;
    }
    if !all_digits(whole) || !all_digits(fraction) || (digits.contains('.') && fraction.is_empty())
    {
        return None;
    }
    let to_int = |s: &str| s.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    let unit = 10u64.pow(fraction.len() as u32);
    let scaled = to_int(whole) * unit + to_int(fraction);
    Some(sign * scaled as f64 / unit as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_fixed_reads_back_what_fixed_writes() {
        for i in -20_000..20_000 {
            let v = f64::from(i) * 0.37;
            for places in 0..=3u32 {
                let written = fixed(v, places);
                let read = read_fixed(&written);
                assert_eq!(
                    read,
                    written.parse::<f64>().ok(),
                    "{written} reads as the standard parser reads it"
                );
                assert_eq!(read, Some(on_fixed(v, places)), "{v} at {places} places");
            }
        }
        for bad in [
            "",
            "-",
            ".",
            "1.",
            ".5",
            "1e3",
            "1.2.3",
            "+1",
            "x",
            "1 2",
            "1.1234567",
        ] {
            assert_eq!(read_fixed(bad), None, "{bad:?}");
        }
        assert_eq!(read_fixed("1234567.25"), Some(1_234_567.25));
    }

    #[test]
    fn fixed_prints_what_std_prints() {
        // `fixed` prints what `format!("{v:.N}")` prints, for every width the page uses.
        for i in -20_000..20_000 {
            let v = f64::from(i) * 0.0137 + 0.0011;
            for places in 0..=4u32 {
                // std rounds the exact binary value; at a decimal tie (…5 in the next place,
                // up to the float's error) the two may round apart by one unit in the last
                // place, so ties are left out.
                let scaled = (v * 10f64.powi(places as i32)).abs();
                if (scaled.fract() - 0.5).abs() < 1e-6 {
                    continue;
                }
                let expected = format!("{v:.*}", places as usize);
                // A value that rounds to zero prints without a sign ("-0.0" is "0.0").
                let expected = match expected.strip_prefix('-') {
                    Some(zero) if zero.chars().all(|c| c == '0' || c == '.') => zero.to_string(),
                    _ => expected,
                };
                assert_eq!(fixed(v, places), expected, "{v} {places}");
            }
        }
        assert_eq!(fixed(f64::NAN, 2), "0.00");
        assert_eq!(fixed(12.5, 0), "13");
    }
}
