//! `.env` files: `KEY=VALUE` lines (an `export ` prefix, quotes and `#` comments allowed). Compose
//! reads them through `env_file` and for `${…}` in the compose file beside them; a service's
//! own `.env` holds its settings. Values are kept only to be read for names.

use super::{Origin, Setting};

/// Whether a file name is an environment file (`.env`, `accounts.env`, `.env.local`); examples
/// and templates (`.env.example`, `.env.sample`, `.env.template`) are not what runs.
pub(crate) fn is_env_file(name: &str) -> bool {
    let example = [".example", ".sample", ".template", ".dist"]
        .iter()
        .any(|end| name.ends_with(end));
    !example && (name == ".env" || name.starts_with(".env.") || name.ends_with(".env"))
}

/// The settings of a `.env` text, in file order.
pub(crate) fn read(path: &str, text: &str) -> Vec<Setting> {
    let mut settings = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        if key.is_empty() || key.contains(char::is_whitespace) {
            continue;
        }
        let value = value.trim();
        let value = match value.chars().next() {
            Some(quote @ ('"' | '\'')) => value
                .get(1..)
                .and_then(|v| v.split(quote).next())
                .unwrap_or(""),
            // An unquoted value ends at ` #`.
            _ => value.split(" #").next().unwrap_or(value).trim(),
        };
        settings.push(Setting {
            key: key.to_string(),
            value: value.to_string(),
            origin: Origin::at(path, u32::try_from(index + 1).unwrap_or(u32::MAX)),
        });
    }
    settings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_settings_with_their_line() {
        let text = "# the shop's settings\nexport DB_URL=\"postgres://shop:pw@db/shop\"\n\nCACHE_HOST=cache # local\nNOT A SETTING\nEMPTY=\n";
        let settings = read("shop/.env", text);
        let pairs: Vec<(&str, &str, u32)> = settings
            .iter()
            .map(|s| (s.key.as_str(), s.value.as_str(), s.origin.line))
            .collect();
        assert_eq!(
            pairs,
            [
                ("DB_URL", "postgres://shop:pw@db/shop", 2),
                ("CACHE_HOST", "cache", 4),
                ("EMPTY", "", 6)
            ]
        );
    }

    #[test]
    fn examples_are_not_environment_files() {
        assert!(is_env_file(".env") && is_env_file("accounts.env") && is_env_file(".env.local"));
        assert!(
            !is_env_file(".env.example") && !is_env_file("env.sample") && !is_env_file("x.yml")
        );
    }
}
