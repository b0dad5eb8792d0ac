//! Rolling backups of sidecars: earlier versions kept in a hidden folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::atomic::write_atomic;
use super::sidecar::read_bytes;

/// How many backups of each sidecar are kept.
pub const BACKUPS_KEPT: usize = 10;

/// The folder holding backups of the sidecars of `article_folder`.
pub fn backup_folder(article_folder: &Path) -> PathBuf {
    article_folder.join(".hamish-backups")
}

/// Copies the sidecar at `sidecar` (if there is one) into the backup folder, named by
/// the time, and removes the oldest backups beyond [`BACKUPS_KEPT`]. Returns the
/// backup's path.
pub fn backup_now(sidecar: &Path) -> std::io::Result<Option<PathBuf>> {
    let Some(contents) = read_bytes(sidecar)? else {
        return Ok(None);
    };
    let folder = backup_folder(sidecar.parent().unwrap_or(Path::new(".")));
    fs::create_dir_all(&folder)?;
    let name = sidecar
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_millis();
    // Zero-padded, so names sort by time.
    let backup = folder.join(format!("{name}.{millis:015}"));
    write_atomic(&backup, &contents)?;
    let prefix = format!("{name}.");
    let mut backups: Vec<PathBuf> = fs::read_dir(&folder)?
        .flatten()
        .filter(|entry| {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            file_name
                .strip_prefix(&prefix)
                .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(|entry| entry.path())
        .collect();
    backups.sort();
    let excess = backups.len().saturating_sub(BACKUPS_KEPT);
    for old in &backups[..excess] {
        fs::remove_file(old)?;
    }
    Ok(Some(backup))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_last_versions_only() {
        let folder = tempfile::tempdir().expect("folder");
        let sidecar = folder.path().join("a.txt.hamish.json");
        assert_eq!(backup_now(&sidecar).expect("nothing to back up"), None);
        for version in 0..BACKUPS_KEPT + 3 {
            fs::write(&sidecar, format!("version {version}")).expect("write");
            backup_now(&sidecar).expect("backup");
            std::thread::sleep(Duration::from_millis(2));
        }
        let mut kept: Vec<String> = fs::read_dir(backup_folder(folder.path()))
            .expect("backups")
            .flatten()
            .map(|entry| fs::read_to_string(entry.path()).expect("read"))
            .collect();
        kept.sort_by_key(|text| {
            text.trim_start_matches("version ")
                .parse::<usize>()
                .unwrap_or(0)
        });
        assert_eq!(kept.len(), BACKUPS_KEPT);
        assert_eq!(kept[0], "version 3");
        assert_eq!(
            kept[BACKUPS_KEPT - 1],
            format!("version {}", BACKUPS_KEPT + 2)
        );
    }
}
