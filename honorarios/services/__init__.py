"""Writes of fees and fines, one function per act inside the act's transaction (STYLE.md):
- `honorarios`: the fee owed on each ending, its liquidation, the Fondo's constancia, payment,
  the full fee collected later and the refund (arts. 15, 17);
- `vencimientos`: what happens when a fee's terms run out (AR-15, AR-16, AR-17);
- `multas`: the fine's guards, the conciliator's certification and the definitive certificate
  (art. 16); `evidencia`: the papers and notice proof they show; `seguimiento_multas`: the
  intimation's service, appeal, firmness, payment with the consumer's third, referral to
  judicial enforcement and annulment;
- `valores`: the dated values staff load (UR, fee schedule, SMVM, payment instructions)."""
