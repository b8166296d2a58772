//! Fonts: Inter, bundled so the board looks the same on every machine and reads well on a
//! projector; its SemiBold cut is used for titles. egui's own fonts stay behind it as fallbacks.

use std::sync::Arc;

use eframe::egui::{self, FontData, FontDefinitions, FontFamily, FontId};

use crate::design::font::{REGULAR, SEMIBOLD};

/// The family of title text (block titles, lane headers).
pub fn title_family() -> FontFamily {
    FontFamily::Name("title".into())
}

pub fn title(size: f32) -> FontId {
    FontId::new(size, title_family())
}

/// Installs Inter as the first choice for all proportional text, and its SemiBold for titles.
pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert("Inter".into(), Arc::new(FontData::from_static(REGULAR)));
    fonts.font_data.insert(
        "Inter SemiBold".into(),
        Arc::new(FontData::from_static(SEMIBOLD)),
    );
    let fallbacks = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    fonts
        .families
        .entry(FontFamily::Proportional)
        .or_default()
        .insert(0, "Inter".into());
    let mut titles = vec!["Inter SemiBold".to_owned()];
    titles.extend(fallbacks);
    fonts.families.insert(title_family(), titles);
    ctx.set_fonts(fonts);
}
