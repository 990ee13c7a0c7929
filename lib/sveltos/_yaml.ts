import { stringify } from 'yaml';

/**
 * YAML text for Sveltos content (ConfigMap manifests, Helm values) that keeps Go template
 * expressions intact: no line folding (an action split over lines would change), and single
 * quotes preferred, so `{{ index .Cluster.metadata.labels "region" }}` is never escaped to `\"`.
 * Map keys are sorted (list order is kept), so the same values give the same bytes whatever
 * order they were built in.
 * @internal
 */
export function sveltosYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, singleQuote: true, aliasDuplicateObjects: false, sortMapEntries: true });
}

/**
 * True when `text` holds a Sveltos template expression: an action that reads the template data
 * (`.Cluster`, `.MgmtResources`, `.InfrastructureProvider`, `.KubeadmControlPlane`) or calls one of
 * Sveltos' resource helpers. Other `{{ ... }}` (Prometheus alert text, Helm-style strings) are not
 * templates and must not be marked as such, or Sveltos' template engine would fail on them.
 * @internal
 */
export function hasSveltosTemplate(text: string): boolean {
  return /\{\{-?[^}]*(\.(Cluster|MgmtResources|InfrastructureProvider|KubeadmControlPlane)\b|\b(getResource|getField|setField|removeField|chainSetField|chainRemoveField)\b|\bcopy\s+")/.test(text);
}
