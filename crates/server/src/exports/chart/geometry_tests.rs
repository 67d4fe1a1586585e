//! The shared chart geometry: proportions, order, empty bars, long labels.

use osa_core::report::{Bar, Chart, Series, Tone};

use super::*;

const WIDTH: f32 = 480.0;

pub fn sample() -> Chart {
    Chart {
        title: "Standards met, by sector".into(),
        description: "Police met most standards; schools met fewer.".into(),
        series: vec![
            Series { name: "Met".into(), tone: Tone::Green },
            Series { name: "Partly met".into(), tone: Tone::Amber },
            Series { name: "Not met".into(), tone: Tone::Red },
        ],
        bars: vec![
            Bar { label: "Police".into(), widths: vec![50, 25, 25] },
            Bar { label: "Schools".into(), widths: vec![10, 0, 90] },
            Bar { label: "Faith groups (none answered)".into(), widths: vec![0, 0, 0] },
        ],
    }
}

fn segments(g: &Geometry, bar: usize) -> Vec<&Shape> {
    g.shapes.iter().filter(|s| matches!(s.part, Part::Segment { bar: b, .. } if b == bar)).collect()
}

#[test]
fn segment_widths_are_proportional_and_follow_the_series_in_order() {
    let g = lay_out(&sample(), WIDTH);
    let police = segments(&g, 0);
    assert_eq!(police.len(), 3);
    let full: f32 = police.iter().map(|s| s.w).sum();
    assert!((police[0].w / full - 0.50).abs() < 1e-4);
    assert!((police[1].w / full - 0.25).abs() < 1e-4);
    assert!((police[2].w / full - 0.25).abs() < 1e-4);
    // Left to right in series order, each starting where the last ended.
    for pair in police.windows(2) {
        assert!((pair[0].x + pair[0].w - pair[1].x).abs() < 1e-3);
    }
    let tones: Vec<Paint> = police.iter().map(|s| s.paint).collect();
    assert_eq!(tones, [Tone::Green, Tone::Amber, Tone::Red].map(Paint::Tone));
    // The same 100% is the same length on every bar, and a zero share draws nothing.
    let schools = segments(&g, 1);
    assert_eq!(schools.len(), 2, "the 0% series is not drawn");
    assert!((schools.iter().map(|s| s.w).sum::<f32>() - full).abs() < 1e-3);
    assert!((schools[0].w / full - 0.10).abs() < 1e-4);
    assert_eq!(schools[1].paint, Paint::Tone(Tone::Red));
    // The scale's 0% and 100% ticks sit at the bar's ends.
    let ticks: Vec<&Shape> =
        g.shapes.iter().filter(|s| s.paint == Paint::Axis && s.h > s.w && s.w < 1.0).collect();
    assert_eq!(ticks.len(), 5);
    assert!((ticks[0].x + ticks[0].w / 2.0 - police[0].x).abs() < 1e-3);
    assert!((ticks[4].x + ticks[4].w / 2.0 - (police[0].x + full)).abs() < 1e-3);
}

#[test]
fn a_bar_with_nothing_counted_is_not_drawn_but_says_so() {
    let g = lay_out(&sample(), WIDTH);
    assert!(segments(&g, 2).is_empty());
    let said: Vec<&Label> = g.labels.iter().filter(|l| l.part == Part::NothingCounted(2)).collect();
    assert_eq!(said.len(), 1);
    assert_eq!(said[0].text, NOTHING_COUNTED);
    assert_eq!(said[0].ink, Ink::Muted);
}

#[test]
fn the_legend_follows_the_series_order_and_comes_first() {
    let g = lay_out(&sample(), WIDTH);
    let legend: Vec<&str> =
        g.labels.iter().filter(|l| matches!(l.part, Part::Legend(_))).map(|l| l.text.as_str()).collect();
    assert_eq!(legend, ["Met", "Partly met", "Not met"]);
    assert!(matches!(g.labels[0].part, Part::Legend(0)));
    let swatches: Vec<Paint> =
        g.shapes.iter().filter(|s| matches!(s.part, Part::Legend(_))).map(|s| s.paint).collect();
    assert_eq!(swatches, [Tone::Green, Tone::Amber, Tone::Red].map(Paint::Tone));
    // Left to right on one line.
    let xs: Vec<f32> = g.labels.iter().filter(|l| matches!(l.part, Part::Legend(_))).map(|l| l.x).collect();
    assert!(xs.windows(2).all(|p| p[0] < p[1]));
}

#[test]
fn text_reads_in_order_legend_then_each_bar_then_the_scale() {
    let g = lay_out(&sample(), WIDTH);
    let order: Vec<String> = g.labels.iter().map(|l| l.text.clone()).collect();
    assert_eq!(
        order,
        [
            "Met",
            "Partly met",
            "Not met",
            "Police",
            "50%",
            "25%",
            "25%",
            "Schools",
            "10%",
            "90%",
            "Faith groups (none answered)",
            "Nothing counted",
            "0%",
            "25%",
            "50%",
            "75%",
            "100%",
        ]
    );
}

#[test]
fn figures_that_do_not_fit_their_segment_are_left_to_the_table() {
    let mut chart = sample();
    chart.bars = vec![Bar { label: "Tiny".into(), widths: vec![98, 1, 1] }];
    let g = lay_out(&chart, WIDTH);
    let figures: Vec<&str> =
        g.labels.iter().filter(|l| matches!(l.part, Part::Segment { .. })).map(|l| l.text.as_str()).collect();
    assert_eq!(figures, ["98%"]);
    // Figures on dark tones are white, on light ones dark.
    let inks: Vec<Ink> = [Tone::Green, Tone::Amber, Tone::Red, Tone::Grey, Tone::Blue].map(ink_on).to_vec();
    assert_eq!(inks, [Ink::Light, Ink::Dark, Ink::Light, Ink::Dark, Ink::Light]);
}

#[test]
fn everything_stays_inside_the_chart() {
    let mut chart = sample();
    chart.bars.push(Bar {
        label: "An organisation with a very long name indeed that goes on and on past two lines of label \
                and further still"
            .into(),
        widths: vec![100, 0, 0],
    });
    chart.bars.push(Bar {
        label: "Supercalifragilisticexpialidociousorganisationname".repeat(2),
        widths: vec![0, 100, 0],
    });
    let g = lay_out(&chart, WIDTH);
    for s in &g.shapes {
        assert!(s.x >= -0.5 && s.x + s.w <= WIDTH + 0.01, "{s:?}");
        assert!(s.y >= 0.0 && s.y + s.h <= g.height, "{s:?}");
    }
    for l in &g.labels {
        assert!(l.x >= 0.0 && l.x + measure(&l.text) <= WIDTH + 0.01, "{l:?}");
        assert!(l.baseline > 0.0 && l.baseline < g.height, "{l:?}");
    }
    let long: Vec<&Label> = g.labels.iter().filter(|l| l.part == Part::BarLabel(3)).collect();
    assert_eq!(long.len(), 2, "a long label wraps onto two lines");
    assert!(long[1].text.ends_with('…'), "and is shortened on the second: {long:?}");
    let word: Vec<&Label> = g.labels.iter().filter(|l| l.part == Part::BarLabel(4)).collect();
    assert_eq!(word.len(), 2, "a long word is cut");
    assert!(word[0].text.starts_with("Supercali") && word[1].text.ends_with('…'));
    // Bar labels keep to their column, left of the bars.
    let bars_start = segments(&g, 0)[0].x;
    for l in g.labels.iter().filter(|l| matches!(l.part, Part::BarLabel(_))) {
        assert!(l.x + measure(&l.text) < bars_start, "{l:?}");
    }
}

#[test]
fn wrapping_keeps_every_word_when_there_is_room() {
    assert_eq!(wrap("Met in full", 200.0, 2), ["Met in full"]);
    let lines = wrap("one two three four", measure("one two three"), 2);
    assert_eq!(lines, ["one two three", "four"]);
    assert_eq!(wrap("", 100.0, 2), [""]);
    assert_eq!(shorten("Partly met", 1000.0), "Partly met");
    let short = shorten("Partly met and more", measure("Partly me…"));
    assert_eq!(short, "Partly me…");
}

#[test]
fn a_long_legend_flows_onto_a_second_line() {
    let mut chart = sample();
    chart.series = (0..8).map(|i| Series { name: format!("Series number {i}"), tone: Tone::Blue }).collect();
    let g = lay_out(&chart, WIDTH);
    let legend: Vec<&Label> = g.labels.iter().filter(|l| matches!(l.part, Part::Legend(_))).collect();
    assert_eq!(legend.len(), 8);
    assert!(legend.last().unwrap().baseline > legend[0].baseline);
    assert!(legend.iter().all(|l| l.x + measure(&l.text) <= WIDTH + 0.01));
}

#[test]
fn long_charts_are_split_into_drawings_that_fit() {
    let mut chart = sample();
    chart.bars =
        (0..60).map(|i| Bar { label: format!("Organisation {i}"), widths: vec![40, 30, 30] }).collect();
    let parts = split_to_fit(&chart, WIDTH, 500.0);
    assert!(parts.len() > 1);
    let labels: Vec<String> = parts.iter().flat_map(|p| p.bars.iter().map(|b| b.label.clone())).collect();
    assert_eq!(labels, chart.bars.iter().map(|b| b.label.clone()).collect::<Vec<_>>(), "no bar lost");
    for part in &parts {
        assert!(lay_out(part, WIDTH).height <= 500.0);
        assert_eq!(part.series, chart.series, "each part keeps its legend");
    }
    assert_eq!(split_to_fit(&sample(), WIDTH, 500.0), vec![sample()]);
}
