import { LitElement } from 'lit';

/** The events an element fires (`Own`, its event map) beside every HTMLElement event. */
export type EventsOf<Own> = Omit<HTMLElementEventMap, keyof Own> & Own;

/**
 * A LitElement whose `addEventListener` and `removeEventListener` know its own events,
 * so `stepper.addEventListener('step', (e) => e.detail.row)` is typed on the stepper
 * while the global `HTMLElementEventMap` stays free of generic names such as `step` or
 * `output` (which would retype every element of a user's app). Only the collision-proof
 * `cnn-error` is global.
 */
export abstract class TypedEventsElement<Own extends object> extends LitElement {
  /** @internal Typed by the element's event map; the events themselves are documented by each element's `@fires`. */
  override addEventListener<K extends keyof EventsOf<Own> & string>(
    type: K,
    listener: (this: this, event: EventsOf<Own>[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  /** @internal Typed by the element's event map; the events themselves are documented by each element's `@fires`. */
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  /** @internal Typed by the element's event map; the events themselves are documented by each element's `@fires`. */
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(type, listener, options);
  }

  /** @internal Typed by the element's event map; the events themselves are documented by each element's `@fires`. */
  override removeEventListener<K extends keyof EventsOf<Own> & string>(
    type: K,
    listener: (this: this, event: EventsOf<Own>[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  /** @internal Typed by the element's event map; the events themselves are documented by each element's `@fires`. */
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
  /** @internal Typed by the element's event map; the events themselves are documented by each element's `@fires`. */
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void {
    super.removeEventListener(type, listener, options);
  }
}
