import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../domain/errors.js';

/**
 * PGlite has no lock of its own: two processes opening one folder corrupt it.
 * A lock file holding the owner's pid; a lock whose owner is gone is taken over.
 */
const heldHere = new Set<string>();

export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(fs.realpathSync(dataDir), 'onewindow.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      heldHere.add(lockPath);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(lockPath);
        try { fs.unlinkSync(lockPath); } catch { /* already gone */ }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(lockPath, 'utf8').trim());
      // Our own pid in the file is a live lock only if this process took it: after a crash a
      // restarted container often gets the same pid back.
      const live = owner === process.pid ? heldHere.has(lockPath) : owner > 0 && isAlive(owner);
      if (live) {
        throw new AppError('DATA_DIR_LOCKED',
          `The data folder ${dataDir} is in use by another OneWindow process (pid ${owner}). ` +
          `Stop that process, or set DATA_DIR to another folder. If no OneWindow process is running, delete ${lockPath}.`);
      }
      fs.unlinkSync(lockPath);
    }
  }
  throw new AppError('DATA_DIR_LOCKED', `Could not lock the data folder ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
