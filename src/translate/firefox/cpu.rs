//! Does this processor have the instructions the engine's kernel was compiled for?
//!
//! fxtranslate's int8 matrix kernel (gemmology, C++) is chosen when Hamish is built,
//! not when it runs: on x86-64 it is compiled for AVX2, on ARM for i8mm, elsewhere (or
//! without a C++ compiler) it is plain scalar code. On a processor without those
//! instructions the kernel would stop the program with an illegal instruction, so
//! before a model is opened the kernel's name (which the compiled kernel reports
//! itself) is checked against what the processor says it supports, and a reader
//! gets a sentence instead of a crash. The portable (scalar) build would run on such
//! machines but give up the SIMD kernel on every other one, so it is not the default.

use super::FirefoxError;

/// `Ok` when the processor runs the compiled kernel; otherwise which instructions
/// it lacks.
pub fn cpu_check() -> Result<(), FirefoxError> {
    let missing = missing_instructions(kernel(), processor_has);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(FirefoxError::Cpu {
            missing: missing.join(" and "),
        })
    }
}

/// The kernel compiled into this build, as it names itself: "avx2", "i8mm+neon64",
/// "scalar", ….
pub fn kernel() -> &'static str {
    fxtranslate::gemm::backend()
}

/// The instructions `kernel` needs that `has` says are missing, by their usual
/// names. Pure, so the refusal can be tested on any processor.
fn missing_instructions(kernel: &str, has: impl Fn(&str) -> bool) -> Vec<&'static str> {
    let needs: &[(&str, &str, &'static str)] = &[
        // (part of the kernel's name, feature to detect, name for the reader)
        ("avx512", "avx512bw", "AVX-512"),
        ("avx2", "avx2", "AVX2"),
        ("fma", "fma", "FMA"),
        ("i8mm", "i8mm", "the i8mm (int8 matrix) instructions"),
    ];
    needs
        .iter()
        .filter(|(part, feature, _)| kernel.contains(part) && !has(feature))
        .map(|(_, _, name)| *name)
        .collect()
}

/// Whether the processor running this supports `feature` (a name from
/// [`missing_instructions`]).
#[allow(clippy::match_like_matches_macro)] // the arms differ per architecture
fn processor_has(feature: &str) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        match feature {
            "avx2" => std::arch::is_x86_feature_detected!("avx2"),
            "avx512bw" => std::arch::is_x86_feature_detected!("avx512bw"),
            "fma" => std::arch::is_x86_feature_detected!("fma"),
            _ => false,
        }
    }
    #[cfg(target_arch = "aarch64")]
    {
        match feature {
            "i8mm" => std::arch::is_aarch64_feature_detected!("i8mm"),
            _ => false,
        }
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        let _ = feature;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_processor_without_avx2_is_refused_in_words() {
        assert_eq!(missing_instructions("avx2", |_| false), ["AVX2"]);
        assert_eq!(
            missing_instructions("i8mm+neon64", |_| false),
            ["the i8mm (int8 matrix) instructions"]
        );
        let error = FirefoxError::Cpu {
            missing: missing_instructions("avx2", |_| false).join(" and "),
        };
        assert!(
            error.to_string().starts_with(
                "this computer's processor lacks AVX2, which the built-in translator needs"
            ),
            "{error}"
        );
    }

    #[test]
    fn nothing_is_missing_when_the_processor_has_it_or_the_kernel_is_scalar() {
        assert!(missing_instructions("avx2", |feature| feature == "avx2").is_empty());
        assert!(missing_instructions("scalar", |_| false).is_empty());
    }

    #[test]
    fn this_machine_runs_the_kernel_it_was_built_with() {
        // The tests run the engine, so the build machine must pass its own check.
        assert_eq!(cpu_check(), Ok(()), "kernel {}", kernel());
    }
}
