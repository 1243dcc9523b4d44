//! Charts drawn on the server as SVG (no scripts, no external fonts), each paired by the page
//! with a table that says the same in text.

use std::fmt::Write;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One spoke of the radar: its label and up to two series' values on 0–`max`.
pub struct Spoke<'a> {
    pub label: &'a str,
    pub values: [Option<f64>; 2],
}

/// A radar of the 8 dimensions, scale 0–`max` (PAPI dimensions are 1–10): series 0 solid
/// (the commune), series 1 dashed (the province).
pub fn radar(spokes: &[Spoke<'_>], max: f64, title: &str) -> String {
    let (cx, cy, r) = (200.0, 190.0, 130.0);
    let n = spokes.len().max(1) as f64;
    let point = |k: usize, v: f64| {
        let a = std::f64::consts::TAU * k as f64 / n - std::f64::consts::FRAC_PI_2;
        let f = (v / max).clamp(0.0, 1.0);
        (cx + r * f * a.cos(), cy + r * f * a.sin())
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="radar" viewBox="-80 0 560 380" role="img" aria-label="{}"><title>{}</title>"#,
        esc(title),
        esc(title)
    );
    for ring in [0.25, 0.5, 0.75, 1.0] {
        let pts: Vec<String> = (0..spokes.len())
            .map(|k| {
                let (x, y) = point(k, max * ring);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = write!(svg, r#"<polygon class="grid" points="{}"/>"#, pts.join(" "));
    }
    for (k, s) in spokes.iter().enumerate() {
        let (x, y) = point(k, max);
        let (lx, ly) = point(k, max * 1.18);
        let anchor = if (lx - cx).abs() < 10.0 {
            "middle"
        } else if lx > cx {
            "start"
        } else {
            "end"
        };
        let _ = write!(
            svg,
            r#"<line class="grid" x1="{cx}" y1="{cy}" x2="{x:.1}" y2="{y:.1}"/><text x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}">{}</text>"#,
            esc(s.label)
        );
    }
    for series in 0..2 {
        if spokes.iter().all(|s| s.values[series].is_none()) {
            continue;
        }
        let pts: Vec<String> = spokes
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let (x, y) = point(k, s.values[series].unwrap_or(0.0));
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = write!(
            svg,
            r#"<polygon class="series{series}" points="{}"/>"#,
            pts.join(" ")
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One bar: label, estimate and 95 % interval, and an optional reference mark (the province).
pub struct Bar<'a> {
    pub label: &'a str,
    pub estimate: f64,
    pub ci: [f64; 2],
    pub reference: Option<f64>,
}

/// Horizontal bars on 0–`max` with interval whiskers and a reference tick.
pub fn bars(items: &[Bar<'_>], max: f64, title: &str) -> String {
    let row = 34.0;
    let (left, width) = (170.0, 210.0);
    let height = row * items.len() as f64 + 30.0;
    let x = |v: f64| left + width * (v / max).clamp(0.0, 1.0);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="bars" viewBox="0 0 400 {height:.0}" role="img" aria-label="{}"><title>{}</title>"#,
        esc(title),
        esc(title)
    );
    for (k, b) in items.iter().enumerate() {
        let y = 10.0 + row * k as f64;
        let label: String = b.label.chars().take(26).collect();
        let _ = write!(
            svg,
            r#"<text x="{}" y="{:.1}" text-anchor="end">{}</text><rect class="track" x="{left}" y="{y:.1}" width="{width}" height="16"/><rect class="fill" x="{left}" y="{y:.1}" width="{:.1}" height="16"/><line class="whisker" x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}"/><line class="whisker" x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}"/><line class="whisker" x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}"/>"#,
            left - 6.0,
            y + 12.0,
            esc(&label),
            x(b.estimate) - left,
            x(b.ci[0]),
            x(b.ci[1]),
            y + 8.0,
            y + 8.0,
            x(b.ci[0]),
            x(b.ci[0]),
            y + 3.0,
            y + 13.0,
            x(b.ci[1]),
            x(b.ci[1]),
            y + 3.0,
            y + 13.0,
        );
        if let Some(r) = b.reference {
            let _ = write!(
                svg,
                r#"<line class="reference" x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}"/>"#,
                x(r),
                x(r),
                y - 3.0,
                y + 19.0
            );
        }
    }
    let axis_y = 10.0 + row * items.len() as f64;
    for t in [0.0, max / 2.0, max] {
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            x(t),
            axis_y + 10.0,
            t
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radar_has_a_polygon_per_series_and_escapes_labels() {
        let spokes: Vec<Spoke> = (0..8)
            .map(|k| Spoke {
                label: if k == 0 { "Tham gia <1>" } else { "D" },
                values: [Some(5.0), if k < 8 { Some(4.0) } else { None }],
            })
            .collect();
        let svg = radar(&spokes, 10.0, "Xã & tỉnh");
        assert!(svg.contains("series0") && svg.contains("series1"));
        assert!(svg.contains("Tham gia &lt;1&gt;") && svg.contains("Xã &amp; tỉnh"));
        assert_eq!(svg.matches("<polygon class=\"grid\"").count(), 4);
    }

    #[test]
    fn bars_clamp_to_the_scale() {
        let svg = bars(
            &[Bar {
                label: "D1",
                estimate: 12.0,
                ci: [-1.0, 14.0],
                reference: Some(5.0),
            }],
            10.0,
            "t",
        );
        assert!(svg.contains("width=\"210.0\""), "{svg}");
        assert!(svg.contains("class=\"reference\""));
    }
}
