//! A model's files checked before the engine is built from them.
//!
//! fxtranslate trusts its input: a tensor missing from the model, a shape that does
//! not fit or a vocabulary bigger than the embedding makes it panic halfway through a
//! translation (and a short shortlist file, while loading). Hamish reads the model's
//! table of contents (a memory map: no weight is read) and the two small files first,
//! and turns each such case into a sentence naming the file and what is wrong with
//! it (a compressed model is unpacked in memory for it, [`super::packed`]). The list of tensors is the one fxtranslate 0.5's engine asks for: a
//! transformer encoder and the SSRU decoder of Firefox's student models.

use std::path::Path;

use fxtranslate::model::{Model, ModelItem};
use fxtranslate::spm::SpmVocab;
use fxtranslate::trace::DType;

use super::packed;
use super::{FirefoxError, ModelFolder};
use crate::files::check_file;

/// A model file larger than this is not a Firefox model (theirs are 17–43 MB, the
/// largest "base" models a few hundred): it is not mapped or loaded.
pub const MAX_MODEL_BYTES: u64 = 1024 * 1024 * 1024;

/// A SentencePiece vocabulary larger than this is not one (theirs are about 1 MB): it
/// is not read.
pub const MAX_VOCABULARY_BYTES: u64 = 32 * 1024 * 1024;

/// A shortlist larger than this is not one (theirs are 5–30 MB): it is not read.
pub const MAX_SHORTLIST_BYTES: u64 = 256 * 1024 * 1024;

/// The architecture read from the model's `special:model.yml`, with the defaults
/// fxtranslate uses for a key that is absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Architecture {
    pub dim: usize,
    pub heads: usize,
    pub encoder_layers: usize,
    pub decoder_layers: usize,
    pub ffn: usize,
}

impl Architecture {
    fn parse(yaml: &str) -> Architecture {
        let get = |key: &str, default: usize| {
            yaml.lines()
                .filter_map(|line| line.trim().strip_prefix(key)?.trim().strip_prefix(':'))
                .find_map(|value| value.trim().parse().ok())
                .unwrap_or(default)
        };
        Architecture {
            dim: get("dim-emb", 384),
            heads: get("transformer-heads", 8),
            encoder_layers: get("enc-depth", 6),
            decoder_layers: get("dec-depth", 4),
            ffn: get("transformer-dim-ffn", 1536),
        }
    }
}

/// Checks that the engine can run the model in `folder`; returns its architecture.
pub fn check_model(folder: &ModelFolder) -> Result<Architecture, FirefoxError> {
    let bad = |path: &Path, reason: String| FirefoxError::BadModel {
        path: path.to_path_buf(),
        reason,
    };
    // Each file is a regular file within its budget before anything opens it: a link
    // to a device or a FIFO named like a model must not hang or fill the memory, here
    // or in the engine's own loading after this check.
    let files = [
        (Some(&folder.model), MAX_MODEL_BYTES),
        (Some(&folder.source_vocab), MAX_VOCABULARY_BYTES),
        (Some(&folder.target_vocab), MAX_VOCABULARY_BYTES),
        (folder.shortlist.as_ref(), MAX_SHORTLIST_BYTES),
    ];
    for (path, max_bytes) in files {
        if let Some(path) = path {
            check_file(path, Some(max_bytes)).map_err(|error| bad(path, error.to_string()))?;
        }
    }
    let not_marian = |error: &dyn std::fmt::Display| {
        bad(
            &folder.model,
            format!("it is not a Marian model file that can be read ({error})"),
        )
    };
    let model = if packed::is_gzip(&folder.model) {
        let bytes = packed::read(&folder.model, MAX_MODEL_BYTES)
            .map_err(|error| bad(&folder.model, error.to_string()))?;
        Model::from_bytes(&bytes).map_err(|error| not_marian(&error))?
    } else {
        Model::load_mmapped(&folder.model).map_err(|error| not_marian(&error))?
    };
    let architecture = check_tensors(&model).map_err(|reason| bad(&folder.model, reason))?;
    let rows = |name: &str| model.get(name).map_or(0, |item| dims(item).0);
    let (source_rows, target_rows) = if model.get("Wemb").is_some() {
        (rows("Wemb"), rows("Wemb"))
    } else {
        (rows("encoder_Wemb"), rows("decoder_Wemb"))
    };
    check_vocabulary(&folder.source_vocab, source_rows)
        .map_err(|r| bad(&folder.source_vocab, r))?;
    if folder.target_vocab != folder.source_vocab {
        check_vocabulary(&folder.target_vocab, target_rows)
            .map_err(|r| bad(&folder.target_vocab, r))?;
    }
    if let Some(shortlist) = &folder.shortlist {
        check_shortlist(shortlist, target_rows).map_err(|r| bad(shortlist, r))?;
    }
    Ok(architecture)
}

/// The two dimensions of a matrix (a vector `[1, n]` gives `(1, n)`).
fn dims(item: &ModelItem) -> (usize, usize) {
    match item.shape.as_slice() {
        [rows, cols] => (*rows as usize, *cols as usize),
        [cols] => (1, *cols as usize),
        _ => (0, 0),
    }
}

fn check_tensors(model: &Model) -> Result<Architecture, String> {
    let yaml = model
        .get("special:model.yml")
        .map(|item| String::from_utf8_lossy(&item.data).into_owned())
        .ok_or("it has no special:model.yml, so it is not a model converted for Firefox")?;
    let arch = Architecture::parse(&yaml);
    // fxtranslate runs every feed-forward layer with ReLU, as Firefox's models are
    // trained; a model trained with another activation would decode into noise
    // without an error.
    let activation = yaml.lines().find_map(|line| {
        let value = line.trim().strip_prefix("transformer-ffn-activation")?;
        Some(value.trim().strip_prefix(':')?.trim().to_string())
    });
    if let Some(activation) = activation.filter(|value| value != "relu") {
        return Err(format!(
            "its feed-forward layers use {activation}, but the engine runs only ReLU ones, as Firefox's models have"
        ));
    }
    let (d, f) = (arch.dim, arch.ffn);
    if d == 0 || arch.heads == 0 || d % arch.heads != 0 {
        return Err(format!(
            "its embedding size {d} does not divide into {} attention heads",
            arch.heads
        ));
    }

    let embeddings: &[&str] = if model.get("Wemb").is_some() {
        &["Wemb"]
    } else {
        &["encoder_Wemb", "decoder_Wemb"]
    };
    for name in embeddings {
        let item = model
            .get(name)
            .ok_or_else(|| format!("it has no word embedding ({name})"))?;
        let (rows, cols) = dims(item);
        if cols != d || rows == 0 {
            return Err(format!(
                "its embedding {name} is {rows}×{cols}, but the model says words have {d} numbers"
            ));
        }
    }

    // Every matrix the engine multiplies by: (name, rows, columns).
    let mut matrices: Vec<(String, usize, usize)> = Vec::new();
    // Every vector it adds or scales by: (name, length).
    let mut vectors: Vec<(String, usize)> = Vec::new();
    let attention = |prefix: String, matrices: &mut Vec<_>, vectors: &mut Vec<_>| {
        for x in ["q", "k", "v", "o"] {
            matrices.push((format!("{prefix}_W{x}"), d, d));
            vectors.push((format!("{prefix}_b{x}"), d));
        }
        vectors.push((format!("{prefix}_Wo_ln_scale"), d));
    };
    let ffn = |prefix: String, matrices: &mut Vec<_>, vectors: &mut Vec<_>| {
        matrices.push((format!("{prefix}_W1"), d, f));
        vectors.push((format!("{prefix}_b1"), f));
        matrices.push((format!("{prefix}_W2"), f, d));
        vectors.push((format!("{prefix}_b2"), d));
        vectors.push((format!("{prefix}_ffn_ln_scale"), d));
    };
    for layer in 1..=arch.encoder_layers {
        attention(
            format!("encoder_l{layer}_self"),
            &mut matrices,
            &mut vectors,
        );
        ffn(format!("encoder_l{layer}_ffn"), &mut matrices, &mut vectors);
    }
    for layer in 1..=arch.decoder_layers {
        let p = format!("decoder_l{layer}");
        matrices.push((format!("{p}_rnn_W"), d, d));
        matrices.push((format!("{p}_rnn_Wf"), d, d));
        vectors.push((format!("{p}_rnn_bf"), d));
        vectors.push((format!("{p}_rnn_ffn_ln_scale"), d));
        attention(format!("{p}_context"), &mut matrices, &mut vectors);
        ffn(format!("{p}_ffn"), &mut matrices, &mut vectors);
    }

    let missing = |name: &str| {
        if name.contains("_rnn_") {
            format!(
                "it has no {name}: its decoder is not the SSRU decoder of Firefox's own \
                 models, the only kind the built-in engine runs"
            )
        } else {
            format!("it has no {name}, which the engine needs")
        }
    };
    let first = model
        .get(&matrices[0].0)
        .ok_or_else(|| missing(&matrices[0].0))?;
    let int8 = first.dtype != DType::Float32;
    for (name, rows, cols) in &matrices {
        let item = model.get(name).ok_or_else(|| missing(name))?;
        if dims(item) != (*rows, *cols) {
            let (r, c) = dims(item);
            return Err(format!(
                "its {name} is {r}×{c} where {rows}×{cols} was expected"
            ));
        }
        if (item.dtype != DType::Float32) != int8 {
            return Err(format!(
                "it mixes float and int8 weights ({name} is {:?}, {} is {:?})",
                item.dtype, first.name, first.dtype
            ));
        }
        if int8 && item.dtype != DType::Intgemm8 && item.dtype != DType::Int8 {
            return Err(format!(
                "its {name} has the unsupported type {:?}",
                item.dtype
            ));
        }
        if int8 && model.get(&format!("{name}_QuantMultA")).is_none() {
            return Err(missing(&format!("{name}_QuantMultA")));
        }
    }
    for (name, len) in &vectors {
        let item = model.get(name).ok_or_else(|| missing(name))?;
        if item.dtype != DType::Float32 || item.num_elements() != *len {
            return Err(format!(
                "its {name} holds {} {:?} numbers where {len} float32 were expected",
                item.num_elements(),
                item.dtype
            ));
        }
    }
    if int8 {
        for name in embeddings {
            let dtype = model.get(name).map(|item| item.dtype);
            if dtype != Some(DType::Intgemm8) && dtype != Some(DType::Int8) {
                return Err(format!("its int8 model has a {dtype:?} embedding {name}"));
            }
        }
        if model.get("none_QuantMultA").is_none() && model.get("decoder_Wemb_QuantMultA").is_none()
        {
            return Err(missing("none_QuantMultA"));
        }
    }
    Ok(arch)
}

fn check_vocabulary(path: &Path, rows: usize) -> Result<(), String> {
    let bytes = packed::read(path, MAX_VOCABULARY_BYTES)
        .map_err(|error| format!("it cannot be read ({error})"))?;
    let vocab = SpmVocab::from_bytes(&bytes);
    if vocab.is_empty() || vocab.piece(vocab.eos_id()) != "</s>" {
        return Err("it is not a SentencePiece vocabulary with an end-of-sentence piece".into());
    }
    if vocab.len() > rows {
        return Err(format!(
            "it has {} pieces but the model's embedding only {rows}: they do not belong together",
            vocab.len()
        ));
    }
    Ok(())
}

/// The shortlist's layout (fxtranslate's `shortlist` module): six `u64`s (magic,
/// checksum, first, best, offsets, lists), the offsets as `u64`, the lists as `u32`.
fn check_shortlist(path: &Path, rows: usize) -> Result<(), String> {
    let bytes = packed::read(path, MAX_SHORTLIST_BYTES)
        .map_err(|error| format!("it cannot be read ({error})"))?;
    let u64_at = |i: usize| -> Option<u64> {
        Some(u64::from_le_bytes(
            bytes.get(i * 8..i * 8 + 8)?.try_into().ok()?,
        ))
    };
    let too_short = || "it is too short to be a shortlist".to_string();
    let first = u64_at(2).ok_or_else(too_short)?;
    let offsets = usize::try_from(u64_at(4).ok_or_else(too_short)?).map_err(|_| too_short())?;
    let lists = usize::try_from(u64_at(5).ok_or_else(too_short)?).map_err(|_| too_short())?;
    let lists_start = offsets
        .checked_add(6)
        .and_then(|n| n.checked_mul(8))
        .ok_or_else(too_short)?;
    let end = lists
        .checked_mul(4)
        .and_then(|n| n.checked_add(lists_start))
        .ok_or_else(too_short)?;
    if bytes.len() < end {
        return Err(too_short());
    }
    // Each word's candidates are lists[offset[w]..offset[w + 1]].
    let offset_list: Vec<u64> = (0..offsets).filter_map(|i| u64_at(6 + i)).collect();
    let out_of_range = offset_list.iter().any(|&o| o > lists as u64)
        || offset_list.windows(2).any(|pair| pair[0] > pair[1]);
    let word = bytes[lists_start..end]
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .max()
        .unwrap_or(0);
    if out_of_range || (lists > 0 && word >= rows) || first as usize > rows {
        return Err(format!(
            "it names words the model does not have (its vocabulary has {rows})"
        ));
    }
    Ok(())
}
