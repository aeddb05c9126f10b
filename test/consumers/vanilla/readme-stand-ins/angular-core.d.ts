// Angular is not installed in this repository, so the README's Angular snippet is checked against
// this stand-in for the two @angular/core names it uses (their shapes as Angular 20 declares them,
// reduced to the fields the snippet passes). Everything Confab-specific in that snippet is checked for real.
declare module '@angular/core' {
  export interface SchemaMetadata { name: string }
  export const CUSTOM_ELEMENTS_SCHEMA: SchemaMetadata;
  export function Component(meta: { selector?: string; standalone?: boolean; schemas?: SchemaMetadata[]; template?: string }): ClassDecorator;
}
