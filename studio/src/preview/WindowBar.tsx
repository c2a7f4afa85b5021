/**
 * The preview's 24-hour window line: open until when, or closed (only templates go), and the
 * "24 h later" switch that shows what happens when the flow sends after a day of silence.
 */
import { Clock } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ConversationWindow } from '@parley/contract/api';
import { previewWindow, windowText } from './window';
import './window.css';

interface Props {
  lastUserAt: number | null;
  server: ConversationWindow | null;
  later: boolean;
  onLater: (on: boolean) => void;
}

export function WindowBar({ lastUserAt, server, later, onLater }: Props) {
  // Re-render each minute so an expiring window closes on screen too.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  const current = Math.max(now, lastUserAt ?? 0);
  const w = previewWindow(lastUserAt, current, later, server);
  return (
    <div className={`window-bar ${w.open ? 'open' : 'closed'}`}>
      <span role="status" aria-live="polite">
        <Clock size={12} aria-hidden="true" /> {windowText(w, later ? current : lastUserAt, current)}
      </span>
      <label className="window-later">
        <input type="checkbox" role="switch" checked={later} onChange={(e) => onLater(e.target.checked)} /> 24 h later
      </label>
    </div>
  );
}
