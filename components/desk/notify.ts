"use client";

const KEY = "atendo.desk.notifications";

export function notificationsWanted(): boolean {
  return typeof window !== "undefined" && window.localStorage.getItem(KEY) === "1";
}

export async function setNotificationsWanted(on: boolean): Promise<boolean> {
  if (!on) {
    window.localStorage.removeItem(KEY);
    return false;
  }
  if ("Notification" in window && Notification.permission === "default") await Notification.requestPermission();
  window.localStorage.setItem(KEY, "1");
  return true;
}

/** A short two-tone chime made with WebAudio: no audio file to ship or load. */
export function chime(): void {
  try {
    const ctx = new AudioContext();
    const gain = ctx.createGain();
    gain.connect(ctx.destination);
    gain.gain.setValueAtTime(0.0001, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.2, ctx.currentTime + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.5);
    for (const [freq, at] of [
      [880, 0],
      [1320, 0.12],
    ] as const) {
      const osc = ctx.createOscillator();
      osc.frequency.value = freq;
      osc.connect(gain);
      osc.start(ctx.currentTime + at);
      osc.stop(ctx.currentTime + at + 0.25);
    }
    setTimeout(() => void ctx.close(), 800);
  } catch {
    // audio may be blocked until the user interacts with the page
  }
}

export function showNotification(title: string, body: string, onClick: () => void): void {
  if (!("Notification" in window) || Notification.permission !== "granted") return;
  const n = new Notification(title, { body, tag: body });
  n.onclick = () => {
    window.focus();
    onClick();
    n.close();
  };
}
