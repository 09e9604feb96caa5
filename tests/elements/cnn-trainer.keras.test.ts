import { expect, fixture, html } from '@open-wc/testing';
import type * as tfl from '@tensorflow/tfjs-layers';
import '../../src/elements/cnn-trainer/define.js';
import type { CnnTrainer } from '../../src/elements/cnn-trainer/cnn-trainer.js';
import { ensureBackend } from '../../src/core/runtime/backend.tf.js';
import { PRESETS, PRESET_NAMES } from '../../src/core/models/model-spec.js';
import { until } from '../helpers.js';

/**
 * The Keras line a tfjs layer should have, written here from the built model's own
 * config (not from the trainer's layer descriptions the generator reads).
 */
function expectedLine(layer: tfl.layers.Layer, first: boolean): string {
  const c = layer.getConfig() as Record<string, unknown>;
  const tuple = (v: unknown) => `(${(v as number[]).join(', ')})`;
  const args: string[] = [];
  const activation = () => {
    if (c.activation !== 'linear') args.push(`activation='${c.activation as string}'`);
  };
  switch (layer.getClassName()) {
    case 'Conv2D':
      args.push(String(c.filters), tuple(c.kernelSize));
      activation();
      break;
    case 'MaxPooling2D':
      args.push(tuple(c.poolSize));
      break;
    case 'Dense':
      args.push(String(c.units));
      activation();
      break;
  }
  // The presets seed ReLU layers He-uniform, as the course writes; the output layer keeps Keras' default.
  if (c.activation === 'relu') args.push("kernel_initializer='he_uniform'");
  if (first) args.push(`input_shape=(${(layer.batchInputShape as number[]).slice(1).join(', ')})`);
  return `layers.${layer.getClassName()}(${args.join(', ')})`;
}

describe('<cnn-trainer> as Keras code', () => {
  before(async () => {
    await ensureBackend('cpu');
  });

  for (const name of PRESET_NAMES) {
    it(`writes the ${name} preset line by line as its layers and settings`, async () => {
      const el = await fixture<CnnTrainer>(html`<cnn-trainer backend="cpu" preset=${name}></cnn-trainer>`);
      await el.ready;
      await until(() => el.model !== undefined, 'a model');
      const model = el.model!;
      const lines = el.toKeras().split('\n');
      const start = lines.indexOf('model = models.Sequential([');
      expect(start).to.be.greaterThan(0);
      const body = lines.slice(start + 1, start + 1 + model.layers.length);
      expect(body).to.deep.equal(
        model.layers.map(
          (l, i) => `    ${expectedLine(l, i === 0)}${i < model.layers.length - 1 ? ',' : ''}`,
        ),
      );
      expect(lines[start + 1 + model.layers.length]).to.equal('])');
      const hyper = PRESETS[name].hyper;
      const fit = lines.find((l) => l.startsWith('model.fit('))!;
      const split = hyper.validationSplit ? `, validation_split=${hyper.validationSplit}` : '';
      expect(fit).to.equal(
        `model.fit(train_images, train_labels, epochs=${hyper.epochs}, batch_size=${hyper.batchSize}${split})`,
      );
      const optimizer =
        hyper.optimizer === 'momentum'
          ? `optimizers.SGD(learning_rate=${hyper.learningRate}, momentum=0.9)`
          : `'${hyper.optimizer}'`;
      expect(lines).to.include(`model.compile(optimizer=${optimizer},`);
      expect(lines).to.include("              metrics=['accuracy'])");
      // The panel shows the same code.
      const shown = el.shadowRoot!.querySelector('[part="keras"] code')!.textContent;
      expect(shown).to.equal(el.toKeras());
    });
  }

  it('follows the settings the reader changes, and copies the code', async () => {
    const el = await fixture<CnnTrainer>(
      html`<cnn-trainer backend="cpu" preset="two-conv" epochs="3" batch-size="16" optimizer="sgd" learning-rate="0.05" validation-split="0.2"></cnn-trainer>`,
    );
    await el.ready;
    await until(() => el.model !== undefined, 'a model');
    const code = el.toKeras();
    expect(code).to.contain('model.compile(optimizer=optimizers.SGD(learning_rate=0.05),');
    expect(code).to.contain(
      'model.fit(train_images, train_labels, epochs=3, batch_size=16, validation_split=0.2)',
    );
    el.layers = JSON.stringify([
      { type: 'flatten' },
      { type: 'dropout', rate: 0.5 },
      { type: 'dense', units: 10, activation: 'softmax' },
    ]);
    await until(() => el.model?.layers.length === 3, 'the custom model');
    await el.updateComplete;
    expect(el.toKeras()).to.contain(
      "    layers.Flatten(input_shape=(28, 28, 1)),\n    layers.Dropout(0.5),\n    layers.Dense(10, activation='softmax')\n])",
    );
    const panel = el.shadowRoot!.querySelector<HTMLDetailsElement>('[part="keras"]')!;
    panel.open = true;
    panel.querySelector<HTMLButtonElement>('button.copy')!.click();
    await until(() => (panel.querySelector('[role="status"]')?.textContent ?? '') !== '', 'the copy result');
    expect(panel.querySelector('[role="status"]')!.textContent).to.match(/Copied|copy it/);
    await expect(el).to.be.accessible();
  });
});
