//! The glyph atlas: each glyph is rasterized once, by swash, into an egui texture.
//!
//! Glyphs are packed on shelves into square pages. A page is white with the glyph's
//! coverage as alpha (premultiplied), so the vertex colour tints it; colour glyphs
//! keep their colours. When the atlas outgrows [`MAX_PAGES`] it is emptied between
//! two frames and refilled with what is on screen: memory stays bounded however many
//! sizes and scripts a session shows.

use std::collections::HashMap;

use cosmic_text::{CacheKey, FontSystem, SwashCache, SwashContent};
use egui::{Color32, ColorImage, Context, Rect, TextureHandle, TextureId, TextureOptions, pos2};

/// Width and height of one atlas page, in texels.
const PAGE_SIZE: usize = 1024;

/// Pages allowed before the atlas is emptied and refilled (4 × 4 MiB).
pub(crate) const MAX_PAGES: usize = 4;

/// Empty texels kept around every glyph, so linear filtering never bleeds neighbours.
const PADDING: usize = 1;

/// Where a rasterized glyph is in the atlas and how to place it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AtlasGlyph {
    /// The page's texture.
    pub texture: TextureId,
    /// Texture coordinates (0 to 1) of the glyph's image.
    pub uv: Rect,
    /// Offset of the image's left edge from the glyph origin, in pixels.
    pub left_px: i32,
    /// Offset of the image's top edge above the baseline, in pixels.
    pub top_px: i32,
    /// Image width in pixels.
    pub width_px: u32,
    /// Image height in pixels.
    pub height_px: u32,
    /// A colour glyph (emoji): drawn untinted.
    pub is_color: bool,
}

struct Page {
    texture: TextureHandle,
    /// Next free x on the current shelf.
    cursor_x: usize,
    /// Top of the current shelf.
    shelf_y: usize,
    /// Height of the tallest glyph on the current shelf.
    shelf_height: usize,
}

impl Page {
    fn new(ctx: &Context, index: usize) -> Self {
        let image = ColorImage::filled([PAGE_SIZE, PAGE_SIZE], Color32::TRANSPARENT);
        let texture = ctx.load_texture(
            format!("hamish-glyphs-{index}"),
            image,
            TextureOptions::LINEAR,
        );
        Self {
            texture,
            cursor_x: 0,
            shelf_y: 0,
            shelf_height: 0,
        }
    }

    /// Reserves room for a `width` × `height` image; `None` when the page is full.
    fn allocate(&mut self, width: usize, height: usize) -> Option<[usize; 2]> {
        let (width, height) = (width + PADDING, height + PADDING);
        if width > PAGE_SIZE || height > PAGE_SIZE {
            return None;
        }
        if self.cursor_x + width > PAGE_SIZE {
            self.shelf_y += self.shelf_height;
            self.cursor_x = 0;
            self.shelf_height = 0;
        }
        if self.shelf_y + height > PAGE_SIZE {
            return None;
        }
        let position = [self.cursor_x, self.shelf_y];
        self.cursor_x += width;
        self.shelf_height = self.shelf_height.max(height);
        Some(position)
    }
}

/// Rasterized glyphs in egui textures.
#[derive(Default)]
pub(crate) struct GlyphAtlas {
    pages: Vec<Page>,
    /// `None` for glyphs with no image (spaces).
    glyphs: HashMap<CacheKey, Option<AtlasGlyph>>,
    /// Bumped whenever the atlas is emptied: meshes built against an older
    /// generation point at freed texture space.
    generation: u64,
}

impl GlyphAtlas {
    /// The current generation; see the field.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// How many distinct glyphs are rasterized.
    pub fn glyph_count(&self) -> usize {
        self.glyphs.len()
    }

    /// How many texture pages are in use.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Empties the atlas if it has grown past its bound. Call between frames only:
    /// shapes of the current frame may refer to the pages.
    pub fn trim(&mut self) {
        if self.pages.len() > MAX_PAGES {
            self.pages.clear();
            self.glyphs.clear();
            self.generation += 1;
        }
    }

    /// The glyph's place in the atlas, rasterizing and uploading it the first time.
    pub fn glyph(
        &mut self,
        ctx: &Context,
        fonts: &mut FontSystem,
        rasterizer: &mut SwashCache,
        key: CacheKey,
    ) -> Option<AtlasGlyph> {
        if let Some(glyph) = self.glyphs.get(&key) {
            return *glyph;
        }
        let glyph = self.rasterize(ctx, fonts, rasterizer, key);
        self.glyphs.insert(key, glyph);
        glyph
    }

    fn rasterize(
        &mut self,
        ctx: &Context,
        fonts: &mut FontSystem,
        rasterizer: &mut SwashCache,
        key: CacheKey,
    ) -> Option<AtlasGlyph> {
        let image = rasterizer.get_image_uncached(fonts, key)?;
        let (width, height) = (
            image.placement.width as usize,
            image.placement.height as usize,
        );
        if width == 0 || height == 0 {
            return None;
        }
        let is_color = image.content == SwashContent::Color;
        let pixels: Vec<Color32> = match image.content {
            SwashContent::Mask => image
                .data
                .iter()
                .map(|&a| Color32::from_rgba_premultiplied(a, a, a, a))
                .collect(),
            SwashContent::SubpixelMask => image
                .data
                .chunks_exact(4)
                .map(|rgba| {
                    let a = rgba[0].max(rgba[1]).max(rgba[2]);
                    Color32::from_rgba_premultiplied(a, a, a, a)
                })
                .collect(),
            SwashContent::Color => image
                .data
                .chunks_exact(4)
                .map(|rgba| Color32::from_rgba_unmultiplied(rgba[0], rgba[1], rgba[2], rgba[3]))
                .collect(),
        };
        if pixels.len() != width * height {
            return None;
        }
        let (page_index, position) = self.allocate(ctx, width, height)?;
        let page = &mut self.pages[page_index];
        page.texture.set_partial(
            position,
            ColorImage::new([width, height], pixels),
            TextureOptions::LINEAR,
        );
        let texel = 1.0 / PAGE_SIZE as f32;
        let min = pos2(position[0] as f32 * texel, position[1] as f32 * texel);
        let max = pos2(
            (position[0] + width) as f32 * texel,
            (position[1] + height) as f32 * texel,
        );
        Some(AtlasGlyph {
            texture: page.texture.id(),
            uv: Rect::from_min_max(min, max),
            left_px: image.placement.left,
            top_px: image.placement.top,
            width_px: image.placement.width,
            height_px: image.placement.height,
            is_color,
        })
    }

    fn allocate(
        &mut self,
        ctx: &Context,
        width: usize,
        height: usize,
    ) -> Option<(usize, [usize; 2])> {
        if let Some(last) = self.pages.last_mut()
            && let Some(position) = last.allocate(width, height)
        {
            return Some((self.pages.len() - 1, position));
        }
        let mut page = Page::new(ctx, self.pages.len());
        let position = page.allocate(width, height)?;
        self.pages.push(page);
        Some((self.pages.len() - 1, position))
    }
}
