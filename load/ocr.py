"""Local OCR: RapidOCR's detector and recognizer (ONNX models shipped inside its wheel, CPU only).

Only two of its parts are used, called directly: the text detector (where prose lines are) and
the recognizer (what a strip of ink says, with a probability per character). Table cells never
go through the detector: the ruling gives their boxes (load/ruling.py), so a lone small "0" the
detector would drop is still read. The angle classifier is never used: it turns a lone 6 into 9.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

INSTALL_HINT = "pip install -e '.[ocr]' (in the nianbao folder)"


class OcrUnavailable(Exception):
    """The OCR extra is not installed; the message names the command that installs it."""


@dataclass(frozen=True, slots=True)
class Read:
    text: str
    confidence: float  # the recognizer's mean character probability
    char_confidence: tuple[float, ...]  # one per character of `text`

    def digit_confidence(self) -> float:
        """The lowest probability among the digits read (1.0 when there are none)."""
        probs = [p for ch, p in zip(self.text, self.char_confidence) if ch.isdigit()]
        return min(probs, default=1.0)


_ENGINE = None


def engine():
    """One RapidOCR per process, single-threaded: parallelism comes from processes, across reports."""
    global _ENGINE
    if _ENGINE is None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError:
            raise OcrUnavailable(f"a scanned page needs OCR, which is not installed; install it with: {INSTALL_HINT}") from None
        _ENGINE = RapidOCR(use_cls=False, intra_op_num_threads=1, inter_op_num_threads=1, det_box_thresh=0.3, det_unclip_ratio=1.6)
        # One strip at a time: a batch pads every strip to its widest one's length, so a page's mix of
        # lone digits and full prose lines costs ~1.5× the CPU in batches of 6 (measured, bench/ocr.py).
        _ENGINE.text_rec.rec_batch_num = 1
    return _ENGINE


def detect(gray: np.ndarray, max_side: int = 1800) -> list[np.ndarray]:
    """Text-line quadrilaterals (4×2 float arrays, in `gray`'s pixels), top to bottom.

    The detector runs on a copy no longer than `max_side`: lines are found as well at ~150 dpi,
    and it is the slowest part; the recognizer then reads each line from the full-size image."""
    import cv2

    h, w = gray.shape
    scale = min(1.0, max_side / max(h, w))
    small = cv2.resize(gray, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA) if scale < 1 else gray
    boxes, _ = engine().text_det(np.ascontiguousarray(np.stack([small] * 3, axis=-1)))
    if boxes is None or len(boxes) == 0:
        return []
    return sorted((np.asarray(b, dtype=np.float32) / scale for b in boxes), key=lambda b: (b[:, 1].min(), b[:, 0].min()))


def recognize(strips: list[np.ndarray]) -> list[Read]:
    """What each grayscale strip of one text line says. Strips are padded so a lone digit reads."""
    if not strips:
        return []
    images = [np.ascontiguousarray(np.stack([_pad(s)] * 3, axis=-1)) for s in strips]
    results, _ = engine().text_rec(images, True)
    out = []
    for result in results:
        text, confidence = result[0], float(result[1])
        chars = tuple(float(p) for p in result[2][4]) if len(result) > 2 and text else ()
        if len(chars) != len(text):
            chars = (confidence,) * len(text)
        out.append(Read(text, confidence, chars))
    return out


def _pad(strip: np.ndarray) -> np.ndarray:
    h = strip.shape[0]
    m = max(int(h * 0.25), 2)
    return np.pad(strip, ((m, m), (m, m)), constant_values=255)
