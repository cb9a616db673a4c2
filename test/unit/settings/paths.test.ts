import { describe, expect, it } from 'vitest';
import { consoleHome } from '../../../electron/settings/paths';

describe('consoleHome', () => {
  it('prefers MEMORY_CONSOLE_HOME on every platform', () => {
    expect(consoleHome({ MEMORY_CONSOLE_HOME: '/srv/mc' }, 'linux', '/home/ann')).toBe('/srv/mc');
    expect(consoleHome({ MEMORY_CONSOLE_HOME: 'C:\\mc' }, 'win32', 'C:\\Users\\ann')).toBe('C:\\mc');
  });
  it('uses $XDG_CONFIG_HOME/memory-console, else ~/.config/memory-console on Linux', () => {
    expect(consoleHome({ XDG_CONFIG_HOME: '/home/ann/.cfg' }, 'linux', '/home/ann')).toBe('/home/ann/.cfg/memory-console');
    expect(consoleHome({}, 'linux', '/home/ann')).toBe('/home/ann/.config/memory-console');
  });
  it('ignores a relative XDG_CONFIG_HOME, as the XDG spec requires', () => {
    expect(consoleHome({ XDG_CONFIG_HOME: 'relative/cfg' }, 'linux', '/home/ann')).toBe('/home/ann/.config/memory-console');
  });
  it('uses Application Support on macOS', () => {
    expect(consoleHome({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Application Support/Memory Console');
  });
  it('uses %APPDATA% on Windows, with the usual default when it is missing', () => {
    expect(consoleHome({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming\\Memory Console');
    expect(consoleHome({}, 'win32', 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming\\Memory Console');
  });
});
