;; Finds the first UTF-16 code unit that XML 1.0 cannot carry (§2.2 Char): a C0 control other than
;; tab, LF and CR, a lone surrogate, or U+FFFE/U+FFFF. A surrogate pair (emoji, rare kanji) is legal.
;;
;; Why WebAssembly: the writer must test every character of a feed, and a regular expression costs
;; about 1 ns per character in V8, as much as writing the feed itself; this loop tests 8 code units
;; per SIMD instruction (about 0.1 ns per character, measured in bench/write-stages.ts).
;;
;; The text is copied to the start of memory as UTF-16LE by the caller (xml-illegal-scanner.ts), which
;; never splits a surrogate pair at the end of what it copies.
;;
;; Compiled into xml-illegal-scan-wasm.ts by `pnpm --filter @org/indeed-feed build:wasm`; a test checks
;; the two agree.
(module
  ;; 4 pages = 256 KiB: the caller copies at most 131,072 code units at a time.
  (memory (export "memory") 4)

  ;; True when one code unit, not part of a surrogate pair, is XML-illegal.
  (func $illegal (param $unit i32) (result i32)
    (i32.or
      (i32.or
        ;; a control below U+0020, unless it is tab (9), LF (10) or CR (13): bits 9, 10, 13 = 0x2600
        (i32.and
          (i32.lt_u (local.get $unit) (i32.const 0x20))
          (i32.eqz (i32.and (i32.shl (i32.const 1) (local.get $unit)) (i32.const 0x2600))))
        ;; a surrogate (the caller has already paired the high ones it could)
        (i32.eq (i32.and (local.get $unit) (i32.const 0xF800)) (i32.const 0xD800)))
      (i32.ge_u (local.get $unit) (i32.const 0xFFFE))))

  ;; Tests the code units from byte $at up to byte $stop one by one, pairing surrogates (a pair may end
  ;; past $stop, never past $end). Returns the byte offset of the first illegal unit, which is below
  ;; $stop, or where it stopped (at or past $stop) when there is none.
  (func $units (param $at i32) (param $stop i32) (param $end i32) (result i32)
    (local $unit i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $stop)))
        (local.set $unit (i32.load16_u (local.get $at)))
        ;; a high surrogate followed by a low one: a legal pair, skip both
        (if (i32.and
              (i32.eq (i32.and (local.get $unit) (i32.const 0xFC00)) (i32.const 0xD800))
              (i32.lt_u (i32.add (local.get $at) (i32.const 2)) (local.get $end)))
          (then
            (if (i32.eq
                  (i32.and (i32.load16_u offset=2 (local.get $at)) (i32.const 0xFC00))
                  (i32.const 0xDC00))
              (then
                (local.set $at (i32.add (local.get $at) (i32.const 4)))
                (br $next)))))
        (br_if $done (call $illegal (local.get $unit)))
        (local.set $at (i32.add (local.get $at) (i32.const 2)))
        (br $next)))
    (local.get $at))

  ;; 8 lanes, each all ones when its code unit may be illegal: a control other than LF (tab and CR are
  ;; sorted out by $units), a surrogate, or U+FFFE/U+FFFF. Legal text almost never trips it.
  (func $maybe_illegal (param $v v128) (result v128)
    (v128.or
      (v128.or
        (v128.andnot
          (i16x8.lt_u (local.get $v) (v128.const i16x8 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20))
          (i16x8.eq (local.get $v) (v128.const i16x8 10 10 10 10 10 10 10 10)))
        ;; unit - 0xD800 < 0x800 (wrapping): the surrogates
        (i16x8.lt_u
          (i16x8.sub (local.get $v) (v128.const i16x8 0xD800 0xD800 0xD800 0xD800 0xD800 0xD800 0xD800 0xD800))
          (v128.const i16x8 0x800 0x800 0x800 0x800 0x800 0x800 0x800 0x800)))
      (i16x8.ge_u (local.get $v) (v128.const i16x8 0xFFFE 0xFFFE 0xFFFE 0xFFFE 0xFFFE 0xFFFE 0xFFFE 0xFFFE))))

  ;; The index of the first XML-illegal code unit among the first $length units of memory, or -1.
  (func (export "firstIllegal") (param $length i32) (result i32)
    (local $at i32) (local $end i32) (local $stop i32)
    (local.set $end (i32.shl (local.get $length) (i32.const 1)))
    (block $found
      ;; 64 bytes (32 code units) at a time; a block that may hold an illegal unit is tested unit by unit
      (loop $blocks
        (if (i32.le_u (i32.add (local.get $at) (i32.const 64)) (local.get $end))
          (then
            (if (v128.any_true
                  (v128.or
                    (v128.or
                      (call $maybe_illegal (v128.load offset=0 (local.get $at)))
                      (call $maybe_illegal (v128.load offset=16 (local.get $at))))
                    (v128.or
                      (call $maybe_illegal (v128.load offset=32 (local.get $at)))
                      (call $maybe_illegal (v128.load offset=48 (local.get $at))))))
              (then
                (local.set $stop (i32.add (local.get $at) (i32.const 64)))
                (local.set $at (call $units (local.get $at) (local.get $stop) (local.get $end)))
                (br_if $found (i32.lt_u (local.get $at) (local.get $stop))))
              (else (local.set $at (i32.add (local.get $at) (i32.const 64)))))
            (br $blocks))))
      ;; the last few units
      (local.set $at (call $units (local.get $at) (local.get $end) (local.get $end)))
      (br_if $found (i32.lt_u (local.get $at) (local.get $end)))
      (return (i32.const -1)))
    (i32.shr_u (local.get $at) (i32.const 1))))
