// Form fields the panels share: a number input (its value read back as a number), the same with an
// inline label, and a range slider that shows its value.

type NumberProps = {
  value: number;
  onChange: (v: number) => void;
  min?: number;
  max?: number;
  step?: number;
  testId?: string;
};

export function NumberInput({ value, onChange, min, max, step, testId }: NumberProps) {
  return (
    <input
      data-testid={testId}
      type="number"
      min={min}
      max={max}
      step={step}
      value={value}
      onChange={(e) => onChange(Number(e.target.value))}
    />
  );
}

/** A number input after its label, on one line (`label.inline`). */
export function NumberField({ label, ...input }: NumberProps & { label: string }) {
  return (
    <label className="inline">
      {label}
      <NumberInput {...input} />
    </label>
  );
}

/** A range input between its label and its value (shown with `format`, else two decimals). */
export function Slider(p: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (v: number) => void;
  format?: (v: number) => string;
  testId?: string;
}) {
  return (
    <label className="slider">
      <span>{p.label}</span>
      <input
        data-testid={p.testId}
        type="range"
        min={p.min}
        max={p.max}
        step={p.step}
        value={p.value}
        onChange={(e) => p.onChange(Number(e.target.value))}
      />
      <b>{p.format ? p.format(p.value) : p.value.toFixed(2)}</b>
    </label>
  );
}
