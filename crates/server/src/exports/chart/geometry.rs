//! Where everything in a chart goes: pure functions from a [`Chart`] to positioned
//! rectangles and lines of text, in points, with `y` running down from the top of
//! the chart. The PDF exporter draws them as vector graphics and the DOCX exporter
//! rasterises the very same shapes, so the two files show one chart.
//!
//! Text is measured with Helvetica's real widths (the PDF's font). The PNG draws
//! with Liberation Sans, whose glyphs have the same widths by design, so a label
//! measured here fits in both.
//!
//! The chart's title is not drawn here: each exporter writes it as real text (a
//! paragraph) above the drawing.

use osa_core::report::{Chart, Tone};

use crate::exports::pdf::fonts::{Face, encode, text_width};

/// The size of every piece of text in a chart.
pub const TEXT_SIZE: f32 = 9.0;
const LEADING: f32 = 11.5;
const SWATCH: f32 = 9.0;
/// Between a swatch and its name, and between legend entries.
const SWATCH_GAP: f32 = 4.0;
const LEGEND_GAP: f32 = 14.0;
const BAR_HEIGHT: f32 = 18.0;
const ROW_GAP: f32 = 7.0;
/// Between the bar labels and the bars.
const LABEL_GAP: f32 = 8.0;
/// Bar labels take at most this share of the width, and this many lines.
const LABEL_SHARE: f32 = 0.36;
const LABEL_LINES: usize = 2;
/// Space around a figure inside a segment.
const FIGURE_PAD: f32 = 3.0;
const TICKS: [u32; 5] = [0, 25, 50, 75, 100];
const TICK: f32 = 3.0;
/// What an empty bar says instead of being drawn.
pub const NOTHING_COUNTED: &str = "Nothing counted";

/// What fills a rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Tone(Tone),
    /// The faint lines behind the bars at each tick of the scale.
    Grid,
    /// The scale's line and ticks.
    Axis,
    /// The white line between two segments of a bar, so that neighbouring colours
    /// stay apart.
    Gap,
}

/// The colour of a piece of text. Every pairing keeps WCAG AA contrast: dark and
/// muted text on white (19:1 and 7:1), white on green, red and blue (6.2, 4.9 and
/// 5.2:1), dark on orange and grey (7.5 and 10:1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    Dark,
    Muted,
    Light,
}

/// What a shape or a piece of text stands for (for tests and for the drawing's
/// reading order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Legend(usize),
    BarLabel(usize),
    Segment { bar: usize, series: usize },
    NothingCounted(usize),
    Scale(u32),
    Decoration,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub paint: Paint,
    pub part: Part,
}

/// One line of text: `x` is its left edge and `baseline` its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub x: f32,
    pub baseline: f32,
    pub text: String,
    pub ink: Ink,
    pub part: Part,
}

/// A laid-out chart: shapes in painting order (back to front), text in reading
/// order (legend, then each bar's label and figures, then the scale).
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub shapes: Vec<Shape>,
    pub labels: Vec<Label>,
}

/// GOV.UK Design System colours.
pub fn paint_rgb(paint: Paint) -> [u8; 3] {
    match paint {
        Paint::Tone(Tone::Green) => [0x00, 0x70, 0x3c],
        Paint::Tone(Tone::Amber) => [0xf4, 0x77, 0x38],
        Paint::Tone(Tone::Red) => [0xd4, 0x35, 0x1c],
        Paint::Tone(Tone::Grey) => [0xb1, 0xb4, 0xb6],
        Paint::Tone(Tone::Blue) => [0x1d, 0x70, 0xb8],
        Paint::Grid => [0xdd, 0xde, 0xe0],
        Paint::Axis => [0x50, 0x5a, 0x5f],
        Paint::Gap => [0xff, 0xff, 0xff],
    }
}

pub fn ink_rgb(ink: Ink) -> [u8; 3] {
    match ink {
        Ink::Dark => [0x0b, 0x0c, 0x0c],
        Ink::Muted => [0x50, 0x5a, 0x5f],
        Ink::Light => [0xff, 0xff, 0xff],
    }
}

/// The text colour that reads on a tone.
fn ink_on(tone: Tone) -> Ink {
    match tone {
        Tone::Green | Tone::Red | Tone::Blue => Ink::Light,
        Tone::Amber | Tone::Grey => Ink::Dark,
    }
}

/// The width of a piece of chart text, in points.
pub fn measure(text: &str) -> f32 {
    text_width(Face::Regular, &encode(text).bytes, TEXT_SIZE)
}

/// Where the baseline of a line of text goes in a line box whose top is `top`.
fn baseline(top: f32) -> f32 {
    top + (LEADING - TEXT_SIZE) / 2.0 + TEXT_SIZE * 0.8
}

/// Lays the chart out `width` points wide.
#[allow(clippy::too_many_lines, reason = "one pass over the chart that keeps its running positions together")]
pub fn lay_out(chart: &Chart, width: f32) -> Geometry {
    let mut shapes = Vec::new();
    let mut labels = Vec::new();

    // The legend, in series order, flowing onto more lines when it must.
    let mut x = 0.0;
    let mut top = 0.0;
    for (i, series) in chart.series.iter().enumerate() {
        let name = shorten(&series.name, width - SWATCH - SWATCH_GAP);
        let entry = SWATCH + SWATCH_GAP + measure(&name);
        if x > 0.0 && x + entry > width {
            x = 0.0;
            top += LEADING + 3.0;
        }
        let swatch_y = top + (LEADING - SWATCH) / 2.0;
        shapes.push(Shape {
            x,
            y: swatch_y,
            w: SWATCH,
            h: SWATCH,
            paint: Paint::Tone(series.tone),
            part: Part::Legend(i),
        });
        labels.push(Label {
            x: x + SWATCH + SWATCH_GAP,
            baseline: baseline(top),
            text: name,
            ink: Ink::Dark,
            part: Part::Legend(i),
        });
        x += entry + LEGEND_GAP;
    }
    if !chart.series.is_empty() {
        top += LEADING + 10.0;
    }

    // Bar labels on the left, as wide as the longest needs, up to a share of the
    // width; the scale's last figure ("100%") may stand out past the bars by half.
    let widest = chart.bars.iter().map(|b| measure(&b.label)).fold(0.0, f32::max);
    let label_width = widest.min(width * LABEL_SHARE);
    let bar_x = if chart.bars.is_empty() { 0.0 } else { label_width + LABEL_GAP };
    let bar_width = (width - bar_x - measure("100%") / 2.0 - 1.0).max(1.0);
    let at = |share: f32| bar_x + share / 100.0 * bar_width;

    // First where each row goes (a row is as tall as its bar or its label)...
    let bars_top = top;
    let mut rows = Vec::new();
    for bar in &chart.bars {
        let lines = wrap(&bar.label, label_width, LABEL_LINES);
        let height = BAR_HEIGHT.max(lines.len() as f32 * LEADING);
        rows.push((lines, top, height));
        top += height + ROW_GAP;
    }
    let bars_bottom = if chart.bars.is_empty() { top } else { top - ROW_GAP + 4.0 };

    // ...then the grid, behind the bars...
    for tick in TICKS {
        let x = at(tick as f32);
        let (y, h) = (bars_top - 2.0, bars_bottom - bars_top + 2.0);
        shapes.push(Shape { x: x - 0.25, y, w: 0.5, h, paint: Paint::Grid, part: Part::Decoration });
    }

    // ...then each bar's label and its segments, split into the series in order. A
    // share is measured against 100 (or the widths' sum, should they add up to more).
    for (b, (bar, (lines, row_top, height))) in chart.bars.iter().zip(rows).enumerate() {
        let text_top = row_top + (height - lines.len() as f32 * LEADING) / 2.0;
        for (n, line) in lines.into_iter().enumerate() {
            let baseline = baseline(text_top + n as f32 * LEADING);
            labels.push(Label { x: 0.0, baseline, text: line, ink: Ink::Dark, part: Part::BarLabel(b) });
        }
        let y = row_top + (height - BAR_HEIGHT) / 2.0;
        let figure_baseline = baseline(y + (BAR_HEIGHT - LEADING) / 2.0);
        let values: Vec<u32> =
            (0..chart.series.len()).map(|s| bar.widths.get(s).copied().unwrap_or(0)).collect();
        let total = values.iter().sum::<u32>().max(100) as f32;
        if values.iter().all(|v| *v == 0) {
            labels.push(Label {
                x: bar_x + FIGURE_PAD,
                baseline: figure_baseline,
                text: NOTHING_COUNTED.to_owned(),
                ink: Ink::Muted,
                part: Part::NothingCounted(b),
            });
        }
        let mut done = 0u32;
        let mut edges = Vec::new();
        for (s, value) in values.iter().enumerate().filter(|(_, v)| **v > 0) {
            let x = at(done as f32 * 100.0 / total);
            let w = *value as f32 / total * bar_width;
            let tone = chart.series[s].tone;
            let part = Part::Segment { bar: b, series: s };
            shapes.push(Shape { x, y, w, h: BAR_HEIGHT, paint: Paint::Tone(tone), part });
            let text = format!("{value}%");
            let text_width = measure(&text);
            // A figure goes in its segment only if it fits; the table beside the
            // chart always has them all.
            if text_width + 2.0 * FIGURE_PAD <= w {
                let x = x + (w - text_width) / 2.0;
                labels.push(Label { x, baseline: figure_baseline, text, ink: ink_on(tone), part });
            }
            if done > 0 {
                edges.push(x);
            }
            done += value;
        }
        for x in edges {
            shapes.push(Shape {
                x: x - 0.5,
                y,
                w: 1.0,
                h: BAR_HEIGHT,
                paint: Paint::Gap,
                part: Part::Decoration,
            });
        }
    }

    // The scale: a line, a tick and a figure at each quarter.
    let axis_y = bars_bottom;
    shapes.push(Shape {
        x: bar_x,
        y: axis_y,
        w: bar_width,
        h: 0.75,
        paint: Paint::Axis,
        part: Part::Decoration,
    });
    for tick in TICKS {
        let x = at(tick as f32);
        shapes.push(Shape {
            x: x - 0.375,
            y: axis_y,
            w: 0.75,
            h: TICK,
            paint: Paint::Axis,
            part: Part::Decoration,
        });
        let text = format!("{tick}%");
        let left = (x - measure(&text) / 2.0).max(0.0);
        labels.push(Label {
            x: left,
            baseline: baseline(axis_y + TICK + 1.0),
            text,
            ink: Ink::Muted,
            part: Part::Scale(tick),
        });
    }
    let height = axis_y + TICK + 1.0 + LEADING + 2.0;
    Geometry { width, height, shapes, labels }
}

/// Splits a chart into charts of consecutive bars whose drawings are each at most
/// `max_height` tall, so no drawing has to cross a page. A single bar always makes a
/// chart, however tall.
pub fn split_to_fit(chart: &Chart, width: f32, max_height: f32) -> Vec<Chart> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < chart.bars.len() || out.is_empty() {
        let mut end = (start + 1).min(chart.bars.len());
        while end < chart.bars.len() {
            let candidate = with_bars(chart, start, end + 1);
            if lay_out(&candidate, width).height > max_height {
                break;
            }
            end += 1;
        }
        out.push(with_bars(chart, start, end));
        if end >= chart.bars.len() {
            break;
        }
        start = end;
    }
    out
}

fn with_bars(chart: &Chart, start: usize, end: usize) -> Chart {
    Chart { bars: chart.bars[start..end].to_vec(), ..chart.clone() }
}

/// Wraps text into at most `lines` lines of `width`, the last shortened with an
/// ellipsis if the text goes on; a word too long for a line is cut.
pub fn wrap(text: &str, width: f32, lines: usize) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut line = String::new();
    let mut next = 0;
    // What is left of a word cut because it was wider than a line.
    let mut pending: Option<String> = None;
    loop {
        let word = match pending.take() {
            Some(rest) => rest,
            None => match words.get(next) {
                Some(word) => {
                    next += 1;
                    (*word).to_owned()
                }
                None => break,
            },
        };
        let candidate = if line.is_empty() { word.clone() } else { format!("{line} {word}") };
        if measure(&candidate) <= width {
            line = candidate;
            continue;
        }
        if out.len() + 1 >= lines {
            // The last line: keep what fits and show that the label goes on.
            let mut full = candidate;
            for word in &words[next..] {
                full.push(' ');
                full.push_str(word);
            }
            out.push(shorten(&full, width));
            return out;
        }
        if line.is_empty() {
            let cut = fitting_chars(&word, width);
            out.push(word[..cut].to_owned());
            pending = Some(word[cut..].to_owned());
        } else {
            out.push(std::mem::take(&mut line));
            pending = Some(word);
        }
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

/// The text as it is if it fits in `width`, or as much as fits followed by "…".
pub fn shorten(text: &str, width: f32) -> String {
    if measure(text) <= width {
        return text.to_owned();
    }
    let room = width - measure("…");
    let cut = fitting_chars(text, room.max(0.0));
    format!("{}…", text[..cut].trim_end())
}

/// The byte length of the longest start of `text` (whole characters) that fits in
/// `width`; at least one character, so that text always moves on.
fn fitting_chars(text: &str, width: f32) -> usize {
    let mut end = text.chars().next().map_or(0, char::len_utf8);
    for (i, c) in text.char_indices().skip(1) {
        if measure(&text[..i + c.len_utf8()]) > width {
            break;
        }
        end = i + c.len_utf8();
    }
    end
}

#[cfg(test)]
#[path = "geometry_tests.rs"]
mod tests;
