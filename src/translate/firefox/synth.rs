//! Random-weight models in the real Firefox (Marian) container format.
//!
//! No Firefox model ships with Hamish and none can be fetched where its tests run,
//! yet the loading and decoding code must run for real. So this writes models the
//! engine cannot tell from Firefox's: the same binary container, the same
//! `special:model.yml`, the same tensor names, shapes and types (int8 `intgemm8`
//! weights with their quantisation multipliers, as `marian-conv` writes them for
//! Firefox, or plain float32), a transformer encoder and an SSRU decoder — only the
//! numbers are random. What such a model says is noise, but its output bias can be
//! rigged ([`Rig`]): end the sentence at once (an empty translation) or never end it
//! and repeat one piece (decoding runs to its length limit), which makes both the
//! tests' answers and the benchmark's amount of work exact.
//!
//! The container, as fxtranslate's `model` module reads it (and Marian's
//! `binary.cpp` writes it), little-endian: a version (1) and an item count; per item
//! its name length, type, number of dimensions and data length; the names
//! (NUL-terminated); the shapes (`i32`); a padding length and that many bytes, so the
//! data starts on a 256-byte boundary; then each item's data. An int8 weight that is
//! logically `[K, N]` is stored transposed (`[N, K]`), followed by its `f32`
//! quantisation multiplier; the embedding `Wemb` is `[vocab, dim]` in both kinds.

use std::path::{Path, PathBuf};

/// Marian's type codes.
const FLOAT32: u64 = 0x404;
const INT8: u64 = 0x101;
const INTGEMM8: u64 = 0x4101;
/// Data is aligned to this many bytes, as Marian does.
const ALIGN: usize = 256;

/// How the model's weights are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// `intgemm8`, what Firefox ships (`model.*.intgemm.alphas.bin`).
    Int8,
    /// float32 (`marian-conv --gemm-type float32`).
    Float32,
}

/// What the output bias makes the decoder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rig {
    /// No rigging: the random weights decide.
    Free,
    /// End-of-sentence wins the first step: every translation is empty.
    StopAtOnce,
    /// End-of-sentence never wins and this piece always does: each sentence's
    /// translation is this piece repeated up to the decoder's length limit.
    Repeat(u32),
}

/// The shape of a model to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthModel {
    pub dim: usize,
    pub heads: usize,
    pub ffn: usize,
    pub encoder_layers: usize,
    pub decoder_layers: usize,
    /// Rows of the embedding (at least the vocabulary's number of pieces).
    pub vocab: usize,
    /// The end-of-sentence piece's id (0 in Firefox's vocabularies).
    pub eos: u32,
    pub precision: Precision,
    pub rig: Rig,
    pub seed: u64,
}

/// One named tensor of the container.
#[derive(Debug, Clone, PartialEq)]
pub struct Tensor {
    pub name: String,
    /// Marian's type code.
    pub kind: u64,
    pub shape: Vec<i32>,
    pub data: Vec<u8>,
}

impl SynthModel {
    /// A small model for tests: 64-wide, two layers each side; milliseconds to run.
    pub fn tiny(vocab: usize, precision: Precision, rig: Rig) -> SynthModel {
        SynthModel {
            dim: 64,
            heads: 4,
            ffn: 128,
            encoder_layers: 2,
            decoder_layers: 2,
            vocab,
            eos: 0,
            precision,
            rig,
            seed: 1,
        }
    }

    /// The size of Firefox's `base` models: 512-wide, 8 heads, a 2048 feed-forward
    /// layer, 6 encoder and 2 decoder layers (a 32,000-piece vocabulary in the real
    /// ones).
    pub fn base(vocab: usize, precision: Precision, rig: Rig) -> SynthModel {
        SynthModel {
            dim: 512,
            heads: 8,
            ffn: 2048,
            encoder_layers: 6,
            decoder_layers: 2,
            ..SynthModel::tiny(vocab, precision, rig)
        }
    }

    /// The model's `special:model.yml`, written as Marian writes the keys the
    /// engine reads and every key whose Marian default differs from what Firefox's
    /// models hold: without `transformer-ffn-activation: relu` Marian (and so
    /// bergamot) would run the feed-forward layers with its default, swish, while
    /// fxtranslate always uses ReLU, as Firefox's models are trained.
    pub fn yaml(&self) -> String {
        format!(
            "type: transformer\n\
             dim-vocabs:\n  - {v}\n  - {v}\n\
             dim-emb: {}\n\
             enc-depth: {}\n\
             dec-depth: {}\n\
             transformer-heads: {}\n\
             transformer-dim-ffn: {}\n\
             transformer-ffn-depth: 2\n\
             transformer-ffn-activation: relu\n\
             transformer-preprocess: \"\"\n\
             transformer-postprocess: dan\n\
             transformer-postprocess-emb: d\n\
             transformer-decoder-autoreg: rnn\n\
             dec-cell: ssru\n\
             tied-embeddings-all: true\n",
            self.dim,
            self.encoder_layers,
            self.decoder_layers,
            self.heads,
            self.ffn,
            v = self.vocab,
        )
    }

    /// Every tensor of the model, in the order Marian sorts them (by name).
    pub fn tensors(&self) -> Vec<Tensor> {
        let mut rng = fastrand::Rng::with_seed(self.seed);
        let (d, f) = (self.dim, self.ffn);
        let mut out = Vec::new();
        let mut yaml = self.yaml().into_bytes();
        yaml.push(0);
        out.push(Tensor {
            name: "special:model.yml".into(),
            kind: INT8,
            shape: vec![yaml.len() as i32],
            data: yaml,
        });

        // The tied embedding, `[vocab, dim]` in both containers.
        out.push(self.weight(&mut rng, "Wemb", self.vocab, d));
        if self.precision == Precision::Int8 {
            // The output layer's activation multiplier, under both names Marian
            // gives that node: `Wemb` without a shortlist, `none` with one (the
            // alphas script copies one to the other, so Firefox's models carry
            // both, and bergamot refuses a model without `Wemb_QuantMultA`).
            out.push(vector("Wemb_QuantMultA", &[ACTIVATION_QUANT]));
            out.push(vector("none_QuantMultA", &[ACTIVATION_QUANT]));
        }
        let mut bias = vec![0.0; self.vocab];
        match self.rig {
            Rig::Free => {}
            Rig::StopAtOnce => bias[self.eos as usize] = RIG,
            Rig::Repeat(piece) => {
                bias[self.eos as usize] = -RIG;
                bias[piece as usize] = RIG;
            }
        }
        out.push(vector("decoder_ff_logit_out_b", &bias));

        let ones = vec![1.0; d];
        let zeros_d = vec![0.0; d];
        let zeros_f = vec![0.0; f];
        let attention = |out: &mut Vec<Tensor>, rng: &mut fastrand::Rng, p: &str| {
            for x in ["q", "k", "v", "o"] {
                self.affine(out, rng, &format!("{p}_W{x}"), d, d);
                out.push(vector(&format!("{p}_b{x}"), &zeros_d));
            }
            out.push(vector(&format!("{p}_Wo_ln_scale"), &ones));
            out.push(vector(&format!("{p}_Wo_ln_bias"), &zeros_d));
        };
        let ffn = |out: &mut Vec<Tensor>, rng: &mut fastrand::Rng, p: &str| {
            self.affine(out, rng, &format!("{p}_W1"), d, f);
            out.push(vector(&format!("{p}_b1"), &zeros_f));
            self.affine(out, rng, &format!("{p}_W2"), f, d);
            out.push(vector(&format!("{p}_b2"), &zeros_d));
            out.push(vector(&format!("{p}_ffn_ln_scale"), &ones));
            out.push(vector(&format!("{p}_ffn_ln_bias"), &zeros_d));
        };
        for layer in 1..=self.encoder_layers {
            attention(&mut out, &mut rng, &format!("encoder_l{layer}_self"));
            ffn(&mut out, &mut rng, &format!("encoder_l{layer}_ffn"));
        }
        for layer in 1..=self.decoder_layers {
            let p = format!("decoder_l{layer}");
            self.affine(&mut out, &mut rng, &format!("{p}_rnn_W"), d, d);
            self.affine(&mut out, &mut rng, &format!("{p}_rnn_Wf"), d, d);
            out.push(vector(&format!("{p}_rnn_bf"), &zeros_d));
            out.push(vector(&format!("{p}_rnn_ffn_ln_scale"), &ones));
            out.push(vector(&format!("{p}_rnn_ffn_ln_bias"), &zeros_d));
            attention(&mut out, &mut rng, &format!("{p}_context"));
            ffn(&mut out, &mut rng, &format!("{p}_ffn"));
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        container(&self.tensors())
    }

    /// Writes a model folder as Firefox names its files for `pair` (e.g. `aren`):
    /// the model and `vocab.{pair}.spm` (the bytes of a SentencePiece vocabulary).
    /// Returns the model file's path.
    pub fn write_folder(&self, dir: &Path, pair: &str, vocab: &[u8]) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(dir)?;
        let model = dir.join(match self.precision {
            Precision::Int8 => format!("model.{pair}.intgemm.alphas.bin"),
            Precision::Float32 => format!("model.{pair}.float32.bin"),
        });
        std::fs::write(&model, self.to_bytes())?;
        std::fs::write(dir.join(format!("vocab.{pair}.spm")), vocab)?;
        Ok(model)
    }

    /// A `[rows, cols]` weight and, for int8, its activation multiplier.
    fn affine(
        &self,
        out: &mut Vec<Tensor>,
        rng: &mut fastrand::Rng,
        name: &str,
        rows: usize,
        cols: usize,
    ) {
        out.push(self.weight(rng, name, rows, cols));
        if self.precision == Precision::Int8 {
            out.push(vector(&format!("{name}_QuantMultA"), &[ACTIVATION_QUANT]));
        }
    }

    /// A random `[rows, cols]` weight, uniform in ±√(6 / (rows + cols)) (Glorot).
    /// An int8 affine weight is stored transposed, but its values are random in
    /// −127..=127 whichever way they are read, so only the declared shape matters.
    fn weight(&self, rng: &mut fastrand::Rng, name: &str, rows: usize, cols: usize) -> Tensor {
        let limit = (6.0 / (rows + cols) as f32).sqrt();
        let n = rows * cols;
        let data = match self.precision {
            Precision::Int8 => {
                let mut data = vec![0u8; n];
                rng.fill(&mut data);
                for byte in &mut data {
                    // intgemm's int8 weights stay within ±127.
                    if *byte == 0x80 {
                        *byte = 0x81;
                    }
                }
                data.extend_from_slice(&(127.0 / limit).to_le_bytes());
                data
            }
            Precision::Float32 => (0..n)
                .flat_map(|_| ((rng.f32() * 2.0 - 1.0) * limit).to_le_bytes())
                .collect(),
        };
        Tensor {
            name: name.into(),
            kind: match self.precision {
                Precision::Int8 => INTGEMM8,
                Precision::Float32 => FLOAT32,
            },
            shape: vec![rows as i32, cols as i32],
            data,
        }
    }
}

/// A bias this large decides the argmax whatever the random weights say.
const RIG: f32 = 1000.0;
/// Activations are quantised for ±6 (layer-normalised values rarely leave it).
const ACTIVATION_QUANT: f32 = 127.0 / 6.0;

/// A float32 `[1, n]` tensor.
fn vector(name: &str, values: &[f32]) -> Tensor {
    Tensor {
        name: name.into(),
        kind: FLOAT32,
        shape: vec![1, values.len() as i32],
        data: values.iter().flat_map(|v| v.to_le_bytes()).collect(),
    }
}

/// A lexical shortlist (`lex.*.s2t.bin`) as Marian writes it: the `first` most
/// frequent target pieces are always candidates, and `lists[w]` are the candidates
/// source piece `w` adds. Six `u64`s (magic, checksum, first, best, number of
/// offsets, number of candidates), the offsets (`u64`), the candidates (`u32`).
/// fxtranslate reads neither the magic nor the checksum; Marian (and so bergamot)
/// checks both, so both are written as Marian's `BinaryShortlistGenerator` does.
pub fn shortlist(first: u64, lists: &[Vec<u32>]) -> Vec<u8> {
    let total: usize = lists.iter().map(Vec::len).sum();
    let best = lists.iter().map(Vec::len).max().unwrap_or(0);
    let mut body = Vec::new();
    for word in [first, best as u64, lists.len() as u64 + 1, total as u64] {
        body.extend_from_slice(&word.to_le_bytes());
    }
    let mut offset = 0u64;
    body.extend_from_slice(&offset.to_le_bytes());
    for list in lists {
        offset += list.len() as u64;
        body.extend_from_slice(&offset.to_le_bytes());
    }
    for id in lists.iter().flatten() {
        body.extend_from_slice(&id.to_le_bytes());
    }
    let mut out = Vec::with_capacity(16 + body.len());
    out.extend_from_slice(&SHORTLIST_MAGIC.to_le_bytes());
    out.extend_from_slice(&shortlist_checksum(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// Marian's `BINARY_SHORTLIST_MAGIC`.
const SHORTLIST_MAGIC: u64 = 0xF11A_48D5_0134_17F5;

/// Marian's checksum of a binary shortlist: `util::hashMem` (boost's
/// `hash_combine` over each whole `u64` after the checksum, the identity hash of a
/// `u64`), a trailing half word left out as Marian's division leaves it.
fn shortlist_checksum(body: &[u8]) -> u64 {
    body.chunks_exact(8).fold(0u64, |seed, word| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        let value = u64::from_le_bytes(bytes);
        seed ^ value
            .wrapping_add(0x9e37_79b9)
            .wrapping_add(seed << 6)
            .wrapping_add(seed >> 2)
    })
}

/// The container holding `tensors`, byte for byte as Marian lays it out.
pub fn container(tensors: &[Tensor]) -> Vec<u8> {
    let mut out = Vec::new();
    let word =
        |out: &mut Vec<u8>, value: usize| out.extend_from_slice(&(value as u64).to_le_bytes());
    let padded = |len: usize| len.div_ceil(ALIGN) * ALIGN;
    word(&mut out, 1);
    word(&mut out, tensors.len());
    for tensor in tensors {
        word(&mut out, tensor.name.len() + 1);
        out.extend_from_slice(&tensor.kind.to_le_bytes());
        word(&mut out, tensor.shape.len());
        word(&mut out, padded(tensor.data.len()));
    }
    for tensor in tensors {
        out.extend_from_slice(tensor.name.as_bytes());
        out.push(0);
    }
    for tensor in tensors {
        for dim in &tensor.shape {
            out.extend_from_slice(&dim.to_le_bytes());
        }
    }
    let gap = padded(out.len() + 8) - (out.len() + 8);
    word(&mut out, gap);
    out.resize(out.len() + gap, 0);
    for tensor in tensors {
        out.extend_from_slice(&tensor.data);
        out.resize(out.len() + padded(tensor.data.len()) - tensor.data.len(), 0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use fxtranslate::model::Model;
    use fxtranslate::trace::DType;

    #[test]
    fn the_engine_reads_back_what_is_written() {
        let synth = SynthModel::tiny(40, Precision::Int8, Rig::Free);
        let bytes = synth.to_bytes();
        let model = Model::from_bytes(&bytes).expect("parses");
        assert_eq!(model.items.len(), synth.tensors().len());
        let wq = model.get("encoder_l1_self_Wq").expect("Wq");
        assert_eq!(wq.dtype, DType::Intgemm8);
        assert_eq!(wq.shape, [64, 64]);
        assert!(wq.quant_mult().expect("multiplier") > 100.0);
        let yaml = model.get("special:model.yml").expect("yaml");
        let yaml = String::from_utf8_lossy(&yaml.data);
        assert!(yaml.contains("dec-cell: ssru"));
        // Marian's default is swish; Firefox's models (and fxtranslate) use ReLU.
        assert!(yaml.contains("transformer-ffn-activation: relu"));
        // bergamot refuses an int8 model without the output layer's alpha under
        // this name (the oracle test found it).
        let alpha = model.get("Wemb_QuantMultA").expect("Wemb_QuantMultA");
        assert_eq!(alpha.to_f32().expect("floats"), vec![ACTIVATION_QUANT]);
        let bias = model.get("decoder_ff_logit_out_b").expect("bias");
        assert_eq!(bias.to_f32().expect("floats").len(), 40);
    }

    #[test]
    fn the_shortlist_carries_marians_magic_and_checksum() {
        let lex = shortlist(2, &[vec![3, 4], vec![5]]);
        assert_eq!(lex[..8], SHORTLIST_MAGIC.to_le_bytes());
        assert_eq!(lex[8..16], shortlist_checksum(&lex[16..]).to_le_bytes());
        assert_ne!(shortlist_checksum(&lex[16..]), 0);
        // Header, three offsets, three candidates: the size Marian expects.
        assert_eq!(lex.len(), 48 + 3 * 8 + 3 * 4);
    }

    #[test]
    fn the_rig_is_in_the_output_bias() {
        let bias = |rig| {
            let model =
                Model::from_bytes(&SynthModel::tiny(10, Precision::Float32, rig).to_bytes())
                    .expect("parses");
            model
                .get("decoder_ff_logit_out_b")
                .expect("bias")
                .to_f32()
                .expect("floats")
        };
        assert_eq!(bias(Rig::Free), vec![0.0; 10]);
        assert_eq!(bias(Rig::StopAtOnce)[0], RIG);
        let repeat = bias(Rig::Repeat(7));
        assert_eq!((repeat[0], repeat[7]), (-RIG, RIG));
    }
}
