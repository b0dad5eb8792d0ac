//! `hamish gloss WORD...`: the analyses of each word on stdout, as a card shows them
//! or as JSON.

use std::io::Write as _;
use std::path::PathBuf;

use super::{Analyzer, default_folder, report};

/// The arguments of `hamish gloss`.
#[derive(Debug, clap::Args)]
pub struct GlossArgs {
    /// The words to analyse, in Arabic script, with or without tashkeel.
    #[arg(required = true)]
    pub words: Vec<String>,
    /// Print a JSON array with one object per word instead of text.
    #[arg(long)]
    pub json: bool,
    /// The folder holding the lexicon files (default: $HAMISH_LEXICON, else
    /// assets/lexicon beside the program or in the source tree).
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
}

/// Runs `hamish gloss` and returns its exit status: 0 when every word was analysed (known or not), 2 when the
/// lexicon cannot be loaded, 1 when stdout cannot be written.
pub fn run(args: &GlossArgs) -> u8 {
    let folder = args.lexicon.clone().unwrap_or_else(default_folder);
    let analyzer = match Analyzer::load(&folder) {
        Ok(analyzer) => analyzer,
        Err(error) => {
            eprintln!("hamish gloss: {error}");
            return 2;
        }
    };
    let glosses: Vec<_> = args
        .words
        .iter()
        .map(|word| analyzer.analyze(word))
        .collect();
    let output = if args.json {
        let words: Vec<_> = glosses.iter().map(report::to_json).collect();
        match serde_json::to_string_pretty(&words) {
            Ok(json) => json + "\n",
            Err(error) => {
                eprintln!("hamish gloss: cannot write JSON: {error}");
                return 1;
            }
        }
    } else {
        glosses
            .iter()
            .map(report::card_text)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => 0,
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(error) => {
            eprintln!("hamish gloss: cannot write to stdout: {error}");
            1
        }
    }
}
