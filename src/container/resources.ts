/** CPU and memory for a container, as Kubernetes quantity strings. */
export interface ResourceQuantities {
  /**
   * CPU, in cores ("0.5", "2") or millicores ("250m").
   * @default - none
   */
  readonly cpu?: string;
  /**
   * Memory, in bytes with a suffix ("512Mi", "1Gi", "500M").
   * @default - none
   */
  readonly memory?: string;
  /**
   * Ephemeral (scratch) storage ("1Gi").
   * @default - none
   */
  readonly ephemeralStorage?: string;
}
