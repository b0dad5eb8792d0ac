//! Painting: a layout drawn as textured meshes, glyphs from the atlas.

use egui::{Color32, Context, Mesh, Painter, Pos2, Rect, pos2};

use super::TextEngine;
use crate::text::layout::{LayoutMeshes, ParagraphLayout};

impl TextEngine {
    /// Paints `layout` with its top-left corner at `origin` (points, snapped to whole
    /// physical pixels so glyphs stay sharp).
    pub fn paint(
        &mut self,
        painter: &Painter,
        layout: &ParagraphLayout,
        origin: Pos2,
        color: Color32,
    ) {
        let ppp = layout.pixels_per_point();
        let origin = pos2(
            (origin.x * ppp).round() / ppp,
            (origin.y * ppp).round() / ppp,
        );
        if !painter
            .clip_rect()
            .intersects(Rect::from_min_size(origin, layout.size()))
        {
            return;
        }
        let generation = self.atlas.generation();
        let mut cached = layout
            .meshes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if cached
            .as_ref()
            .is_none_or(|cached| cached.generation != generation)
        {
            let meshes = self.build_meshes(painter.ctx(), layout);
            *cached = Some(LayoutMeshes { generation, meshes });
        }
        let Some(meshes) = cached.as_ref() else {
            return;
        };
        for (mesh, tinted) in &meshes.meshes {
            let mut mesh = mesh.clone();
            mesh.translate(origin.to_vec2());
            if *tinted && color != Color32::WHITE {
                for vertex in &mut mesh.vertices {
                    vertex.color = color;
                }
            }
            painter.add(mesh);
        }
        drop(cached);
        self.paint_glosses(painter, layout, origin, color);
    }

    /// Paints the word-by-word glosses of `layout` (at `origin`) under their words, a
    /// little fainter than the text.
    fn paint_glosses(
        &mut self,
        painter: &Painter,
        layout: &ParagraphLayout,
        origin: Pos2,
        color: Color32,
    ) {
        let ppp = layout.pixels_per_point();
        let faint = color.gamma_multiply(0.75);
        for gloss in &layout.glosses {
            let left_px = gloss.gloss_px.left() - gloss.layout.ink_left_px();
            let at = origin + egui::vec2(left_px, gloss.gloss_px.top()) / ppp;
            self.paint(painter, &gloss.layout, at, faint);
        }
    }

    fn build_meshes(&mut self, ctx: &Context, layout: &ParagraphLayout) -> Vec<(Mesh, bool)> {
        let scale = 1.0 / layout.pixels_per_point();
        let mut meshes: Vec<(Mesh, bool)> = Vec::new();
        for glyph in &layout.glyphs {
            let Some(image) =
                self.atlas
                    .glyph(ctx, &mut self.fonts, &mut self.rasterizer, glyph.cache_key)
            else {
                continue;
            };
            let tinted = !image.is_color;
            let index = match meshes
                .iter()
                .position(|(mesh, t)| mesh.texture_id == image.texture && *t == tinted)
            {
                Some(index) => index,
                None => {
                    meshes.push((Mesh::with_texture(image.texture), tinted));
                    meshes.len() - 1
                }
            };
            let left = (glyph.draw_x_px + image.left_px) as f32 * scale;
            let top = (glyph.draw_y_px - image.top_px) as f32 * scale;
            let rect = Rect::from_min_size(
                pos2(left, top),
                egui::vec2(
                    image.width_px as f32 * scale,
                    image.height_px as f32 * scale,
                ),
            );
            meshes[index]
                .0
                .add_rect_with_uv(rect, image.uv, Color32::WHITE);
        }
        meshes
    }
}

#[cfg(test)]
mod tests {
    use egui::{Color32, Context, Pos2};

    use crate::text::{TextEngine, TextStyle};

    const TEXT: &str = "ذكر موقع IA 24.KG في 9 تشرين الأول/أكتوبر، نقلاً عن وزارة الدفاع في قرغيزستان";

    #[test]
    fn the_atlas_is_emptied_between_frames_once_it_outgrows_its_bound() {
        let ctx = Context::default();
        let mut engine = TextEngine::new();
        let paint_many_sizes = |engine: &mut TextEngine| {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                for size in (100..300).step_by(10) {
                    let layout = engine.layout(TEXT, &TextStyle::body(size as f32), 20_000.0, 1.0);
                    engine.paint(ui.painter(), &layout, Pos2::ZERO, Color32::WHITE);
                }
            });
            // No renderer here to upload the glyphs to.
            output.textures_delta.clear();
        };
        paint_many_sizes(&mut engine);
        let grown = engine.stats();
        assert!(
            grown.atlas_pages > crate::text::atlas::MAX_PAGES,
            "{grown:?}"
        );
        engine.begin_frame();
        assert_eq!(engine.stats().atlas_pages, 0);
        assert_eq!(engine.stats().atlas_glyphs, 0);
        // Cached layouts are drawn again from the new, empty atlas.
        paint_many_sizes(&mut engine);
        assert_eq!(
            engine.stats().paragraphs_shaped,
            grown.paragraphs_shaped,
            "layouts were kept"
        );
        assert!(engine.stats().atlas_glyphs > 0);
    }
}
