//! How ORMs derive physical names from class and field names when the code does not state one:
//! Flask-SQLAlchemy, TypeORM and GORM snake-case, GORM also pluralizes, and Spring Boot's
//! default physical naming strategy splits camel case and lower-cases every name.

/// `UserRole` → `user_role`, `HTTPLog` → `http_log`, `UserID` → `user_id` (Flask-SQLAlchemy,
/// TypeORM's default naming strategy and GORM's column names).
pub(crate) fn snake_case(name: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let previous = i.checked_sub(1).and_then(|p| chars.get(p));
            let previous_lower =
                previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let previous_upper = previous.is_some_and(|p| p.is_ascii_uppercase());
            if previous_lower || (previous_upper && next_lower) {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(*c);
        }
    }
    out
}

#[cfg(feature = "more-orms")]
/// GORM's default table name: the snake-cased struct name in the plural (`OrderItem` →
/// `order_items`, `Category` → `categories`).
pub(crate) fn gorm_table(name: &str) -> String {
    let snake = snake_case(name);
    let consonant_y = snake.strip_suffix('y').filter(|stem| {
        stem.chars()
            .last()
            .is_some_and(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'))
    });
    if let Some(stem) = consonant_y {
        return format!("{stem}ies");
    }
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| snake.ends_with(end))
    {
        return format!("{snake}es");
    }
    format!("{snake}s")
}

/// Spring Boot's default `CamelCaseToUnderscoresNamingStrategy`: a `_` between a lower-case
/// letter or digit and an upper-case letter followed by a lower-case letter or digit, dots
/// become `_`, and the name is lower-cased (`trainType` → `train_type`, `ShipmentLabel` →
/// `shipment_label`, `TRANSACTION_ID` → `transaction_id`).
pub(crate) fn spring_physical(name: &str) -> String {
    let mut chars: Vec<char> = name
        .chars()
        .map(|c| if c == '.' { '_' } else { c })
        .collect();
    let mut i = 1;
    while i + 1 < chars.len() {
        let before = chars.get(i - 1).copied().unwrap_or_default();
        let current = chars.get(i).copied().unwrap_or_default();
        let after = chars.get(i + 1).copied().unwrap_or_default();
        let lower_or_digit = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
        if lower_or_digit(before) && current.is_ascii_uppercase() && lower_or_digit(after) {
            chars.insert(i, '_');
            i += 1;
        }
        i += 1;
    }
    chars.into_iter().map(|c| c.to_ascii_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_follows_flask_sqlalchemy() {
        assert_eq!(snake_case("User"), "user");
        assert_eq!(snake_case("UserRole"), "user_role");
        assert_eq!(snake_case("HTTPLog"), "http_log");
        assert_eq!(snake_case("UserID"), "user_id");
    }

    #[cfg(feature = "more-orms")]
    #[test]
    fn gorm_pluralizes() {
        assert_eq!(gorm_table("OrderItem"), "order_items");
        assert_eq!(gorm_table("Category"), "categories");
        assert_eq!(gorm_table("Address"), "addresses");
        assert_eq!(gorm_table("Day"), "days");
    }

    #[test]
    fn spring_boot_splits_camel_case_and_lower_cases() {
        assert_eq!(spring_physical("trainType"), "train_type");
        assert_eq!(spring_physical("ShipmentLabel"), "shipment_label");
        assert_eq!(spring_physical("TRANSACTION_ID"), "transaction_id");
        assert_eq!(spring_physical("userID"), "userid");
        assert_eq!(spring_physical("address2Line"), "address2_line");
        assert_eq!(spring_physical("a.b"), "a_b");
    }
}
