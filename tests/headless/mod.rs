//! The real app in a headless egui context, fed frames at 60 Hz and tessellated as a renderer
//! would: what the frame benchmarks time and the big-board tests measure. No window, no GPU.
#![allow(dead_code)] // the bench and the tests each use their own part of this

use eframe::egui::{self, Event, Pos2, RawInput, Rect, vec2};

use tandem::model::Board;
use tandem::ui::TandemApp;
use tandem::ui::app::setup_context;
use tandem::ui::dialogs::ScriptedDialogs;

/// What one frame asked the renderer to draw.
pub struct Drawn {
    pub vertices: usize,
    pub indices: usize,
}

impl Drawn {
    /// The bytes of the vertex and index buffers a renderer uploads for the frame (egui's vertex
    /// is 20 bytes, an index 4).
    pub fn buffer_bytes(&self) -> usize {
        self.vertices * 20 + self.indices * 4
    }
}

pub struct Rig {
    pub ctx: egui::Context,
    pub app: TandemApp,
    time: f64,
    screen: egui::Vec2,
}

impl Rig {
    pub fn new(board: Board, screen: [f32; 2]) -> Self {
        let ctx = egui::Context::default();
        setup_context(&ctx);
        let app = TandemApp::with_dialogs(board, None, Box::new(ScriptedDialogs::default()));
        let mut rig = Self {
            ctx,
            app,
            time: 0.0,
            screen: vec2(screen[0], screen[1]),
        };
        rig.settle();
        rig
    }

    /// One frame with these input events.
    pub fn frame(&mut self, events: Vec<Event>) -> Drawn {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, self.screen)),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let app = &mut self.app;
        let mut out = self.ctx.run_ui(input, |ui| app.frame(ui));
        let primitives = self
            .ctx
            .tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        // A renderer would upload these; the rig only counts them.
        out.textures_delta.clear();
        let mut drawn = Drawn {
            vertices: 0,
            indices: 0,
        };
        for p in primitives {
            if let egui::epaint::Primitive::Mesh(mesh) = p.primitive {
                drawn.vertices += mesh.vertices.len();
                drawn.indices += mesh.indices.len();
            }
        }
        drawn
    }

    /// Runs frames until animations (zoom flights) are over.
    pub fn settle(&mut self) {
        for _ in 0..60 {
            self.frame(vec![]);
        }
    }

    pub fn board(&self) -> &Board {
        self.app.doc().board()
    }
}
