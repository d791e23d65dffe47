//! The one number formatter of the workspace ([`fixed`]): every decimal Seams prints (the
//! picture's coordinates through `scene::num`, sizes in messages, the page's transforms) comes
//! from an integer, so the same input gives the same bytes natively and in wasm, and the page
//! carries no float-formatting code.

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

#[cfg(test)]
mod tests {
    use super::*;

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
