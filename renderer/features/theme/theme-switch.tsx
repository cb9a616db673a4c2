import { useId, useState } from 'react';
import { applyTheme, readThemeChoice, storeThemeChoice, type ThemeChoice } from './theme';

const choices: readonly { readonly value: ThemeChoice; readonly label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ThemeSwitch() {
  const id = useId();
  const [choice, setChoice] = useState<ThemeChoice>(() => readThemeChoice());
  const change = (next: ThemeChoice) => {
    setChoice(next);
    storeThemeChoice(next);
    applyTheme(next);
  };
  return (
    <span className="theme-switch">
      <label htmlFor={id}>Theme</label>
      <select id={id} className="select" value={choice} onChange={(event) => change(event.target.value as ThemeChoice)}>
        {choices.map((item) => (
          <option key={item.value} value={item.value}>
            {item.label}
          </option>
        ))}
      </select>
    </span>
  );
}
