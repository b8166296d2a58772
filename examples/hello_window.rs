//! The smallest eframe window, measured like Tandem by `benches/startup.sh`: it prints how long
//! after start its first frame had been drawn (at the start of the second), then closes.

use std::time::Instant;

fn main() -> eframe::Result {
    let start = Instant::now();
    let mut frames = 0;
    eframe::run_ui_native(
        "hello",
        eframe::NativeOptions::default(),
        move |ui, _frame| {
            ui.label("Hello");
            frames += 1;
            match frames {
                1 => ui.ctx().request_repaint(),
                2 => {
                    eprintln!(
                        "first_frame_ms={:.1}",
                        start.elapsed().as_secs_f64() * 1000.0
                    );
                    ui.ctx()
                        .send_viewport_cmd(eframe::egui::ViewportCommand::Close);
                }
                _ => {}
            }
        },
    )
}
