// Starts `taglint server` (found on the worktree's PATH) for Markdown buffers.
use zed_extension_api::{self as zed, Result};

struct Taglint;

impl zed::Extension for Taglint {
    fn new() -> Self {
        Taglint
    }

    fn language_server_command(
        &mut self,
        _language_server_id: &zed::LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let taglint = worktree
            .which("taglint")
            .ok_or_else(|| "taglint is not on PATH: pip install 'taglint[lsp]'".to_string())?;
        Ok(zed::Command {
            command: taglint,
            args: vec!["server".to_string()],
            env: Default::default(),
        })
    }
}

zed::register_extension!(Taglint);
