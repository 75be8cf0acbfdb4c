// The timer's cues: a short beep and a vibration where the device has them, and the screen kept
// awake while a session runs.

export const cues = {
  audio: null,
  wakeLock: null,
  // Called from the reader's own tap on Start: browsers allow sound only after one.
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
  // A short generated beep and a vibration, where the device has them.
  signal() {
    if (this.audio) {
      try {
        const now = this.audio.currentTime;
        const tone = this.audio.createOscillator();
        const gain = this.audio.createGain();
        tone.frequency.value = 880;
        gain.gain.setValueAtTime(0.0001, now);
        gain.gain.exponentialRampToValueAtTime(0.4, now + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.4);
        tone.connect(gain).connect(this.audio.destination);
        tone.start(now);
        tone.stop(now + 0.45);
      } catch {
        // no sound: the screen still shows the change
      }
    }
    if (navigator.vibrate) {
      try {
        navigator.vibrate([200, 100, 200]);
      } catch {
        // no vibration
      }
    }
    document.documentElement.dataset.timerSignals = String(Number(document.documentElement.dataset.timerSignals || 0) + 1);
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
