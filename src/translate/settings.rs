//! The engine the reader chose and how it is reached, remembered with the
//! preferences (every field has a default, so preferences from an older version still
//! load).

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Which engine translates, and where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
// Externally tagged: eframe stores preferences as RON, which reads that form back
// reliably.
#[serde(rename_all = "snake_case")]
pub enum EngineConfig {
    /// The built-in engine, with a Firefox Translations model folder.
    Firefox {
        /// The model's folder.
        model_dir: PathBuf,
    },
    /// A LibreTranslate server (`POST /translate`).
    LibreTranslate {
        /// Its address, as `http://127.0.0.1:5000`.
        url: String,
        /// The key, for a server that asks for one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        api_key: Option<String>,
    },
    /// An Ollama server (`POST /api/chat`).
    Ollama {
        /// Its address, as `http://127.0.0.1:11434`.
        url: String,
        /// The model, as Ollama names it (`qwen2.5:7b`).
        model: String,
    },
    /// A server speaking OpenAI's chat API (`POST /v1/chat/completions`):
    /// llama.cpp's `llama-server`, LM Studio, vLLM.
    OpenAi {
        /// Its address, as `http://127.0.0.1:8080`.
        url: String,
        /// The model, as the server names it.
        model: String,
        /// The key, for a server that asks for one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        api_key: Option<String>,
    },
    /// A command: the section on its standard input, the translation on its output.
    Command {
        /// The command line, run by the shell.
        command: String,
    },
}

impl Default for EngineConfig {
    fn default() -> Self {
        Self::Firefox {
            model_dir: PathBuf::new(),
        }
    }
}

impl EngineConfig {
    /// Every kind of engine, with its usual settings: what the settings panel offers.
    pub fn kinds() -> [Self; 5] {
        [
            Self::default(),
            Self::LibreTranslate {
                url: "http://127.0.0.1:5000".to_owned(),
                api_key: None,
            },
            Self::Ollama {
                url: "http://127.0.0.1:11434".to_owned(),
                model: String::new(),
            },
            Self::OpenAi {
                url: "http://127.0.0.1:8080".to_owned(),
                model: String::new(),
                api_key: None,
            },
            Self::Command {
                command: String::new(),
            },
        ]
    }

    /// The engine's short name, as results are marked with it (`ollama`).
    pub fn engine_name(&self) -> &'static str {
        match self {
            Self::Firefox { .. } => "firefox",
            Self::LibreTranslate { .. } => "libretranslate",
            Self::Ollama { .. } => "ollama",
            Self::OpenAi { .. } => "openai",
            Self::Command { .. } => "command",
        }
    }

    /// The engine's name for the reader.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Firefox { .. } => "Built in (Firefox Translations model)",
            Self::LibreTranslate { .. } => "LibreTranslate server",
            Self::Ollama { .. } => "Ollama server",
            Self::OpenAi { .. } => "OpenAI-compatible server (llama.cpp, LM Studio, vLLM)",
            Self::Command { .. } => "A command",
        }
    }

    /// Whether `other` is the same kind of engine (whatever its settings).
    pub fn same_kind(&self, other: &Self) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }

    /// Whether the engine is a chat model that is given the glossary in its prompt.
    pub fn is_chat(&self) -> bool {
        matches!(self, Self::Ollama { .. } | Self::OpenAi { .. })
    }
}

/// The engine and everything about how it is used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EngineSettings {
    /// The engine.
    pub engine: EngineConfig,
    /// The language translations are made into (`en`), chosen once.
    pub target_language: String,
    /// The articles' language (`ar`); empty to tell it from each article's script.
    pub source_language: String,
    /// How long one section may take, in seconds.
    pub timeout_secs: f32,
    /// How long connecting to a server may take, in seconds.
    pub connect_timeout_secs: f32,
    /// Whether a server on another computer may be used (the text leaves this one).
    pub allow_other_hosts: bool,
    /// The largest answer taken, in bytes.
    pub max_answer_bytes: usize,
    /// The settings of the engines not in use, one per kind, so that choosing one
    /// again finds its address, model and key as the reader left them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_engines: Vec<EngineConfig>,
}

impl Default for EngineSettings {
    fn default() -> Self {
        Self {
            engine: EngineConfig::default(),
            target_language: "en".to_owned(),
            source_language: String::new(),
            timeout_secs: 60.0,
            connect_timeout_secs: 5.0,
            allow_other_hosts: false,
            max_answer_bytes: 256 * 1024,
            other_engines: Vec::new(),
        }
    }
}

/// The shortest and longest time a section may be given, in seconds.
pub const TIMEOUT_RANGE_SECS: std::ops::RangeInclusive<f32> = 0.1..=3600.0;

impl EngineSettings {
    /// These settings with languages that are BCP 47 tags (see
    /// [`crate::model::language_tag`]): one that is not (a preferences file edited by
    /// hand, or written before tags were checked) is set back to its default, into
    /// English and the source told from each article's script.
    pub fn with_checked_languages(mut self) -> Self {
        let defaults = Self::default();
        self.target_language =
            crate::model::language_tag(&self.target_language).unwrap_or(defaults.target_language);
        self.source_language =
            crate::model::language_tag(&self.source_language).unwrap_or(defaults.source_language);
        self
    }

    /// Uses the engine of `kind`'s kind, with the settings it had when it was last
    /// used (`kind` itself the first time); the engine in use keeps its own settings
    /// for when it is chosen again.
    pub fn choose_engine(&mut self, kind: EngineConfig) {
        if self.engine.same_kind(&kind) {
            return;
        }
        let kept = self
            .other_engines
            .iter()
            .position(|other| other.same_kind(&kind))
            .map(|at| self.other_engines.remove(at));
        let left = std::mem::replace(&mut self.engine, kept.unwrap_or(kind));
        self.other_engines.retain(|other| !other.same_kind(&left));
        self.other_engines.push(left);
    }

    /// How long one section may take.
    pub fn timeout(&self) -> Duration {
        secs(self.timeout_secs)
    }

    /// How long connecting may take (never longer than a section may).
    pub fn connect_timeout(&self) -> Duration {
        secs(self.connect_timeout_secs).min(self.timeout())
    }
}

fn secs(value: f32) -> Duration {
    let value = if value.is_finite() { value } else { 60.0 };
    Duration::from_secs_f32(value.clamp(*TIMEOUT_RANGE_SECS.start(), *TIMEOUT_RANGE_SECS.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_older_ones_keep_defaults() {
        let settings = EngineSettings {
            engine: EngineConfig::Ollama {
                url: "http://127.0.0.1:11434".into(),
                model: "qwen2.5".into(),
            },
            ..EngineSettings::default()
        };
        let json = serde_json::to_string(&settings).expect("json");
        assert!(json.contains(r#""engine":{"ollama":{"#), "{json}");
        let back: EngineSettings = serde_json::from_str(&json).expect("back");
        assert_eq!(back, settings);
        let older: EngineSettings =
            serde_json::from_str(r#"{"target_language": "fr"}"#).expect("older");
        assert_eq!(older.target_language, "fr");
        let hostile: EngineSettings =
            serde_json::from_str(r#"{"target_language": "en\u202e", "source_language": "fa_IR"}"#)
                .expect("read");
        let checked = hostile.with_checked_languages();
        assert_eq!(checked.target_language, "en", "not a tag: the default");
        assert_eq!(checked.source_language, "fa-IR");
        assert_eq!(older.engine, EngineConfig::default());
        assert!(older.other_engines.is_empty());
        let nonsense = EngineSettings {
            timeout_secs: f32::NAN,
            ..EngineSettings::default()
        };
        assert_eq!(nonsense.timeout(), Duration::from_secs(60));
    }

    #[test]
    fn each_engine_keeps_its_settings_when_another_is_chosen_and_back() {
        let ollama = EngineConfig::Ollama {
            url: "http://127.0.0.1:11500".into(),
            model: "qwen2.5:7b".into(),
        };
        let mut settings = EngineSettings {
            engine: ollama.clone(),
            ..EngineSettings::default()
        };
        let [firefox, _, blank_ollama, _, command] = EngineConfig::kinds();
        settings.choose_engine(command.clone());
        assert_eq!(
            settings.engine, command,
            "the first time, its usual settings"
        );
        settings.engine = EngineConfig::Command {
            command: "trans -b".into(),
        };
        settings.choose_engine(blank_ollama.clone());
        assert_eq!(settings.engine, ollama, "the address and model as left");
        settings.choose_engine(command);
        assert_eq!(
            settings.engine,
            EngineConfig::Command {
                command: "trans -b".into()
            }
        );
        settings.choose_engine(firefox);
        settings.choose_engine(blank_ollama);
        assert_eq!(settings.engine, ollama);
        assert_eq!(settings.other_engines.len(), 2, "one kept per kind");

        // Kept with the preferences.
        let json = serde_json::to_string(&settings).expect("json");
        let back: EngineSettings = serde_json::from_str(&json).expect("back");
        assert_eq!(back, settings);
    }
}
