// The timer's cues: a generated beep pattern and a vibration where the device has them, one
// pattern per kind of change, and the screen kept awake while a session runs. Each cue is
// counted on the page (<html data-timer-signals>, and data-timer-cue names the last kind), so
// that what a reader would have heard can be checked where no sound can be made.

// [frequency in Hz, seconds] per beep, and the vibration (ms on, off, on ...), per kind:
// a set begins (two high beeps), a rest begins (one long low beep), pump the cuff up (three
// short beeps), a cuff-time alert (three high beeps, longer), and the end of the session: take
// the cuff off (the longest, falling).
const PATTERNS = {
  set: { beeps: [[880, 0.15], [880, 0.15]], vibrate: [200, 100, 200] },
  rest: { beeps: [[587, 0.6]], vibrate: [600] },
  deflate: { beeps: [[587, 0.6]], vibrate: [600] },
  inflate: { beeps: [[740, 0.1], [740, 0.1], [740, 0.1]], vibrate: [100, 80, 100, 80, 100] },
  alert: { beeps: [[988, 0.25], [988, 0.25], [988, 0.25]], vibrate: [300, 150, 300, 150, 300] },
  done: {
    beeps: [[988, 0.3], [880, 0.3], [740, 0.3], [587, 0.9]],
    vibrate: [800, 200, 800, 200, 800],
  },
};
const GAP_S = 0.1;

export const cues = {
  audio: null,
  wakeLock: null,
  // Called from the reader's own taps: browsers allow sound only after one.
  unlock() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!this.audio && Context) {
      try {
        this.audio = new Context();
      } catch {
        this.audio = null;
      }
    }
    if (this.audio && this.audio.state === "suspended") this.audio.resume().catch(() => {});
  },
  beep(frequency, start, length) {
    const tone = this.audio.createOscillator();
    const gain = this.audio.createGain();
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.4, start + 0.02);
    gain.gain.setValueAtTime(0.4, start + Math.max(0.02, length - 0.05));
    gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
    tone.connect(gain).connect(this.audio.destination);
    tone.start(start);
    tone.stop(start + length + 0.05);
  },
  // The cue of one kind of change (PATTERNS), where the device can give it.
  signal(kind) {
    const pattern = PATTERNS[kind] || PATTERNS.set;
    if (this.audio) {
      try {
        let start = this.audio.currentTime;
        for (const [frequency, length] of pattern.beeps) {
          this.beep(frequency, start, length);
          start += length + GAP_S;
        }
      } catch {
        // no sound: the screen and the announcement still show the change
      }
    }
    if (typeof navigator.vibrate === "function") {
      try {
        navigator.vibrate(pattern.vibrate);
      } catch {
        // no vibration
      }
    }
    const root = document.documentElement;
    root.dataset.timerSignals = String(Number(root.dataset.timerSignals || 0) + 1);
    root.dataset.timerCue = kind;
  },
  async keepAwake(on) {
    if (!on) {
      const lock = this.wakeLock;
      this.wakeLock = null;
      if (lock) lock.release().catch(() => {});
      return;
    }
    if (this.wakeLock || !("wakeLock" in navigator) || document.visibilityState !== "visible") return;
    try {
      this.wakeLock = await navigator.wakeLock.request("screen");
      this.wakeLock.addEventListener("release", () => { this.wakeLock = null; });
    } catch {
      this.wakeLock = null; // not allowed here: silently without
    }
  },
};
