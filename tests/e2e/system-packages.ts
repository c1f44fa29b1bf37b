import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from './harness';

/** Whether fontconfig knows a font with Chinese glyphs (Debian's fonts-noto-cjk, say). */
function hasCjkFont(): boolean {
  const listed = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return listed.status === 0 && listed.stdout.trim().length > 0;
}

/**
 * What `npm start` needs from the system: Chromium to run Wenmai in, and a CJK font, without which
 * every screenshot shows empty boxes for Chinese text. Installs what is missing with apt-get where
 * it can (as root on Debian, as .ci/run does); otherwise says so, loudly, with the command to run.
 */
export function ensureSystemPackages(): void {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!hasCjkFont()) missing.push('fonts-noto-cjk');
  if (missing.length === 0) return;
  const command = `apt-get install -y ${missing.join(' ')}`;
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (canInstall) {
    console.log(`Installing Debian's ${missing.join(' and ')} (${command}) …`);
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '-qq', ...missing], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch {
      // Reported below with what is still missing.
    }
  }
  const still = missing.filter((name) =>
    name === 'chromium' ? !existsSync(CHROMIUM) : !hasCjkFont(),
  );
  if (still.length === 0) return;
  const banner = '!'.repeat(72);
  console.error(
    `\n${banner}\n  Missing: ${still.join(', ')}. Install with:\n    sudo ${command}\n` +
      (still.includes('chromium')
        ? '  Wenmai cannot start without Chromium (or set CHROMIUM_PATH).\n'
        : '  Chinese text will show as empty boxes in the browser and the screenshots.\n') +
      `${banner}\n`,
  );
  if (still.includes('chromium')) process.exit(1);
}
