//! Name completion in the Services pane: which names a services file may write (the schema's
//! tables and views, the services and the topics) and what a partly typed word completes to.
//! The page asks on Ctrl+Space; the core decides, so the rule is tested here, not in the DOM.

use crate::model::Architecture;
use crate::order;

/// What a typed word completes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// Where the word starts (a byte offset into the text).
    pub start: usize,
    /// The text to put in place of the word: the one candidate, or the longest beginning all
    /// candidates share (never shorter than the word).
    pub text: String,
    /// The candidates in the order of the names given (`names` sorts them), at most the limit
    /// asked for.
    pub candidates: Vec<String>,
    /// How many names matched in all.
    pub matched: usize,
}

/// The names to offer: table and view names as a services file writes them (the short name,
/// or `schema.name` where two schemas share it), service names and topic names; sorted, once.
pub fn names(architecture: &Architecture) -> Vec<String> {
    let mut relations: Vec<(&str, Option<&str>)> = architecture
        .tables
        .iter()
        .map(|t| (t.name.as_str(), t.schema.as_deref()))
        .chain(
            architecture
                .views
                .iter()
                .map(|v| (v.name.as_str(), v.schema.as_deref())),
        )
        .collect();
    order::sort(&mut relations);
    let mut out: Vec<String> = Vec::new();
    for (i, (name, schema)) in relations.iter().enumerate() {
        // Sorted by name: a name two schemas share has a neighbour of that name.
        let same = |j: Option<usize>| {
            j.and_then(|j| relations.get(j))
                .is_some_and(|(other, _)| other == name)
        };
        match schema {
            Some(schema) if same(i.checked_sub(1)) || same(Some(i + 1)) => {
                out.push(format!("{schema}.{name}"))
            }
            _ => out.push((*name).to_string()),
        }
    }
    out.extend(architecture.services.iter().map(|s| s.name.clone()));
    out.extend(architecture.topics.iter().map(|t| t.name.clone()));
    order::sort_dedup(&mut out);
    out
}

/// Whether `c` can be part of a name being typed (`public.users`, `sqs:user-updates`).
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '$')
}

/// What the word ending at byte `caret` of `text` completes to among `names` (compared
/// ignoring case), with at most `limit` candidates; None when nothing begins with it or there is
/// no word there.
pub fn complete(text: &str, caret: usize, names: &[String], limit: usize) -> Option<Completion> {
    let before = text.get(..caret)?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| in_word(*c))
        .last()
        .map_or(caret, |(i, _)| i);
    let word = before.get(start..)?.to_ascii_lowercase();
    if word.is_empty() {
        return None;
    }
    let matching: Vec<&String> = names
        .iter()
        .filter(|n| n.to_ascii_lowercase().starts_with(&word))
        .collect();
    let first = matching.first()?;
    // The longest beginning every candidate shares, in the first one's spelling.
    let mut shared = first.chars().count();
    for other in matching.iter().skip(1) {
        let common = first
            .chars()
            .zip(other.chars())
            .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
            .count();
        shared = shared.min(common);
    }
    let text: String = first
        .chars()
        .take(shared.max(word.chars().count()))
        .collect();
    Some(Completion {
        start,
        text,
        candidates: matching.iter().take(limit).map(|n| n.to_string()).collect(),
        matched: matching.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn known() -> Vec<String> {
        [
            "users",
            "user_roles",
            "orders",
            "public.items",
            "shop.items",
            "app-b",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    #[test]
    fn one_candidate_is_written_whole_several_up_to_what_they_share() {
        let text = "    reads: [ord";
        let one = complete(text, text.len(), &known(), 8).unwrap();
        assert_eq!((one.start, one.text.as_str()), (12, "orders"));
        let text = "reads: [Us";
        let two = complete(text, text.len(), &known(), 8).unwrap();
        assert_eq!(two.text, "user", "case is the names' own");
        assert_eq!(two.candidates, ["users", "user_roles"]);
        let text = "calls: [app";
        assert_eq!(
            complete(text, text.len(), &known(), 8).unwrap().text,
            "app-b"
        );
        let text = "reads: [shop.i";
        assert_eq!(
            complete(text, text.len(), &known(), 8).unwrap().text,
            "shop.items"
        );
        assert_eq!(complete("reads: [", 8, &known(), 8), None, "no word");
        assert_eq!(complete("reads: [zz", 10, &known(), 8), None, "no match");
        let limited = complete("u", 1, &known(), 1).unwrap();
        assert_eq!((limited.candidates.len(), limited.matched), (1, 2));
    }

    #[test]
    fn names_are_what_a_services_file_writes() {
        let arch = crate::ingest(crate::Inputs {
            schema: "CREATE TABLE a.items (id int); CREATE TABLE b.items (id int); CREATE TABLE users (id int);",
            services: "version: 1\nservices:\n  app-a:\n    publishes: [user-changed]\n",
            ..Default::default()
        });
        assert_eq!(
            names(&arch),
            ["a.items", "app-a", "b.items", "user-changed", "users"]
        );
    }

    proptest! {
        #[test]
        fn any_text_and_caret_never_panic(text in "\\PC{0,40}", caret in 0usize..60) {
            let _ = complete(&text, caret, &known(), 8);
        }
    }
}
