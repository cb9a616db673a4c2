import { useAppInfo } from '../api/get-app-info';
import './app-info.css';

export function AppVersion() {
  const { data } = useAppInfo();
  if (data === undefined) return null;
  return (
    <span className="app-version">
      v{data.version} · {data.mode === 'electron' ? 'desktop' : 'browser mode'}
    </span>
  );
}
