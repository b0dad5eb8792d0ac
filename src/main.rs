//! `hamish [FOLDER | FILE]`: opens a folder of articles, or an article in its folder.
//! `hamish gloss WORD...`: the morphological analyses of Arabic words.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use hamish::app::HamishApp;

/// Hamish: read right-to-left articles with their translations and your notes.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// A folder of articles, or one article file (its folder is opened). Without it,
    /// the last folder read, or the bundled sample articles the first time.
    path: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

/// What to do instead of opening the window.
#[derive(Subcommand)]
enum Command {
    /// Print the morphological analyses of Arabic words (offline gloss).
    Gloss(hamish::gloss::cli::GlossArgs),
}

fn main() -> eframe::Result {
    let args = Args::parse();
    if let Some(Command::Gloss(gloss)) = &args.command {
        std::process::exit(i32::from(hamish::gloss::cli::run(gloss)));
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Hamish")
            .with_app_id("hamish")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([480.0, 320.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Hamish",
        options,
        Box::new(|cc| Ok(Box::new(HamishApp::from_creation_context(cc, args.path)))),
    )
}
