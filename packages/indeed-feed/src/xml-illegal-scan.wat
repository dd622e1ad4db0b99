;; Finds the first UTF-16 code unit that XML 1.0 cannot carry (§2.2 Char): a C0 control other than
;; tab, LF and CR, a lone surrogate, or U+FFFE/U+FFFF. A surrogate pair (emoji, rare kanji) is legal.
;; On the way it counts the `]` characters: the writer knows how many its CDATA ends (`]]>`) hold, so
;; any more means a value holds a `]`, and only then need it look for a `]]>` in the values.
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

  ;; `]` counted by the last call of firstIllegal, up to where it stopped.
  (global $brackets (mut i32) (i32.const 0))
  (func (export "closingBrackets") (result i32) (global.get $brackets))

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
  ;; past $stop, never past $end), and counts their `]` when $count is 1. Returns the byte offset of the
  ;; first illegal unit, which is below $stop, or where it stopped (at or past $stop) when there is none.
  (func $units (param $at i32) (param $stop i32) (param $end i32) (param $count i32) (result i32)
    (local $unit i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $stop)))
        (local.set $unit (i32.load16_u (local.get $at)))
        (global.set $brackets
          (i32.add (global.get $brackets)
            (i32.and (local.get $count) (i32.eq (local.get $unit) (i32.const 0x5D)))))
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

;; Splatted constants of the vector tests.
  (global $x20 v128 (v128.const i16x8 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20))
  (global $lf v128 (v128.const i16x8 10 10 10 10 10 10 10 10))
  (global $xD800 v128 (v128.const i16x8 0xD800 0xD800 0xD800 0xD800 0xD800 0xD800 0xD800 0xD800))
  (global $x800 v128 (v128.const i16x8 0x800 0x800 0x800 0x800 0x800 0x800 0x800 0x800))
  (global $xFFFE v128 (v128.const i16x8 0xFFFE 0xFFFE 0xFFFE 0xFFFE 0xFFFE 0xFFFE 0xFFFE 0xFFFE))
  (global $bracket v128 (v128.const i16x8 0x5D 0x5D 0x5D 0x5D 0x5D 0x5D 0x5D 0x5D))

  ;; The index of the first XML-illegal code unit among the first $length units of memory, or -1; the
  ;; `]` before it are counted in $brackets.
  ;;
  ;; The vector tests are written out for each of the 4 vectors of a block rather than called: V8 (Node
  ;; 20) does not inline WebAssembly calls, and a call per vector made the scan five times slower.
  (func (export "firstIllegal") (param $length i32) (result i32)
    (local $at i32) (local $end i32) (local $stop i32)
    (local $a v128) (local $b v128) (local $c v128) (local $d v128)
    ;; per lane: minus the number of `]` seen (a lane is all ones, -1, where it holds one)
    (local $brackets v128)
    (local.set $end (i32.shl (local.get $length) (i32.const 1)))
    (global.set $brackets (i32.const 0))
    (block $found
      ;; 64 bytes (32 code units) at a time; a block that may hold an illegal unit is tested unit by unit
      (loop $blocks
        (if (i32.le_u (i32.add (local.get $at) (i32.const 64)) (local.get $end))
          (then
            (local.set $a (v128.load offset=0 (local.get $at)))
            (local.set $b (v128.load offset=16 (local.get $at)))
            (local.set $c (v128.load offset=32 (local.get $at)))
            (local.set $d (v128.load offset=48 (local.get $at)))
            (local.set $brackets
              (i16x8.add
                (i16x8.add
                  (local.get $brackets)
                  (i16x8.add
                    (i16x8.eq (local.get $a) (global.get $bracket))
                    (i16x8.eq (local.get $b) (global.get $bracket))))
                (i16x8.add
                  (i16x8.eq (local.get $c) (global.get $bracket))
                  (i16x8.eq (local.get $d) (global.get $bracket)))))
            ;; per lane, all ones where the unit may be illegal: a control other than LF (tab and CR are
            ;; sorted out by $units), a surrogate (unit - 0xD800 < 0x800, wrapping), U+FFFE or U+FFFF
            (if (v128.any_true
                  (v128.or
                    (v128.or
                      (v128.or
                (v128.or
                  (v128.andnot (i16x8.lt_u (local.get $a) (global.get $x20)) (i16x8.eq (local.get $a) (global.get $lf)))
                  (i16x8.lt_u (i16x8.sub (local.get $a) (global.get $xD800)) (global.get $x800)))
                (i16x8.ge_u (local.get $a) (global.get $xFFFE)))
                      (v128.or
                (v128.or
                  (v128.andnot (i16x8.lt_u (local.get $b) (global.get $x20)) (i16x8.eq (local.get $b) (global.get $lf)))
                  (i16x8.lt_u (i16x8.sub (local.get $b) (global.get $xD800)) (global.get $x800)))
                (i16x8.ge_u (local.get $b) (global.get $xFFFE))))
                    (v128.or
                      (v128.or
                (v128.or
                  (v128.andnot (i16x8.lt_u (local.get $c) (global.get $x20)) (i16x8.eq (local.get $c) (global.get $lf)))
                  (i16x8.lt_u (i16x8.sub (local.get $c) (global.get $xD800)) (global.get $x800)))
                (i16x8.ge_u (local.get $c) (global.get $xFFFE)))
                      (v128.or
                (v128.or
                  (v128.andnot (i16x8.lt_u (local.get $d) (global.get $x20)) (i16x8.eq (local.get $d) (global.get $lf)))
                  (i16x8.lt_u (i16x8.sub (local.get $d) (global.get $xD800)) (global.get $x800)))
                (i16x8.ge_u (local.get $d) (global.get $xFFFE))))))
              (then
                ;; the block's `]` are counted above
                (local.set $stop (i32.add (local.get $at) (i32.const 64)))
                (local.set $at (call $units (local.get $at) (local.get $stop) (local.get $end) (i32.const 0)))
                (br_if $found (i32.lt_u (local.get $at) (local.get $stop))))
              (else (local.set $at (i32.add (local.get $at) (i32.const 64)))))
            (br $blocks))))
      ;; the last few units
      (local.set $at (call $units (local.get $at) (local.get $end) (local.get $end) (i32.const 1)))
      (br_if $found (i32.lt_u (local.get $at) (local.get $end))))
    (global.set $brackets (i32.add (global.get $brackets) (call $lane_sum (local.get $brackets))))
    (if (result i32) (i32.lt_u (local.get $at) (local.get $end))
      (then (i32.shr_u (local.get $at) (i32.const 1)))
      (else (i32.const -1))))

  ;; The number of `]` a vector of negative lane counts holds. A lane counts at most 4 in a block of
  ;; 32 units, so at most 16,384 in the 131,072 units a call sees: 16 bits cannot overflow.
  (func $lane_sum (param $v v128) (result i32)
    (i32.sub (i32.const 0)
      (i32.add
        (i32.add
          (i32.add (i16x8.extract_lane_s 0 (local.get $v)) (i16x8.extract_lane_s 1 (local.get $v)))
          (i32.add (i16x8.extract_lane_s 2 (local.get $v)) (i16x8.extract_lane_s 3 (local.get $v))))
        (i32.add
          (i32.add (i16x8.extract_lane_s 4 (local.get $v)) (i16x8.extract_lane_s 5 (local.get $v)))
          (i32.add (i16x8.extract_lane_s 6 (local.get $v)) (i16x8.extract_lane_s 7 (local.get $v))))))))
