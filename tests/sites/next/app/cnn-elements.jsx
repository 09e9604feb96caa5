'use client';
// The library runs in the browser only: a client component imports it, once for every page.
import 'cnn-elements';

export default function CnnElements() {
  return null;
}
