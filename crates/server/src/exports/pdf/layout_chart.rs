//! Laying a chart out: its caption, then its drawing, never across a page.

use osa_core::report::Chart;

use super::{BODY, BOTTOM, CHART_GAP, Item, MARGIN, Role, TOP, WIDTH, Writer};
use crate::exports::chart::geometry;
use crate::exports::pdf::fonts::{Face, encode};

impl Writer {
    /// A chart under its caption (a bold paragraph), kept on one page with it.
    pub(super) fn chart(&mut self, chart: &Chart) {
        let caption = self.wrap(&[(Face::Bold, &chart.title)], BODY.size, WIDTH);
        let caption_height = caption.len() as f32 * BODY.leading + CHART_GAP;
        let parts = geometry::split_to_fit(chart, WIDTH, TOP - BOTTOM - caption_height);
        let figure_after_caption = |w: &mut Writer| {
            let node = w.node(Role::Figure, 0);
            w.nodes[node].alt = Some(chart.description.clone());
            node
        };
        let mut figure = None;
        for (i, part) in parts.iter().enumerate() {
            let drawing = geometry::lay_out(part, WIDTH);
            self.replaced |= drawing.labels.iter().any(|l| encode(&l.text).replaced);
            if !self.fresh && caption_height + drawing.height > self.room() {
                self.new_page();
            }
            if i == 0 {
                let node = self.node(Role::P, 0);
                for line in &caption {
                    self.place(line, MARGIN, &BODY, Some(node));
                }
            } else {
                // Said again over each part, as decoration (the caption was read once).
                let again = format!("{} (continued)", chart.title);
                for line in self.wrap(&[(Face::Bold, &again)], BODY.size, WIDTH) {
                    self.place(&line, MARGIN, &BODY, None);
                }
            }
            self.y -= CHART_GAP;
            let node = *figure.get_or_insert_with(|| figure_after_caption(self));
            if i == 0 {
                let bottom = self.y - drawing.height;
                self.nodes[node].bbox = Some([MARGIN, bottom, MARGIN + WIDTH, self.y]);
            }
            let height = drawing.height;
            self.push(Item::Chart { x: MARGIN, top: self.y, geometry: drawing, tag: Some(node) });
            self.y -= height;
            self.fresh = false;
        }
        self.y -= BODY.after + CHART_GAP;
    }
}
