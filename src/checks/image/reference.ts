/**
 * Container image references as the container runtime resolves them (the
 * `github.com/distribution/reference` rules): `[registry/]repository[:tag][@digest]`, where
 * the first path segment is a registry only when it contains `.` or `:` or is `localhost`,
 * and a short name means Docker Hub (`nginx` → `docker.io/library/nginx`).
 */
import { podTemplates } from '../../model/pod-templates.js';
import { joinPointer, type Resource } from '../../model/types.js';
import { visitContainers, type ContainerVisit } from '../../model/visit.js';

export interface ImageReference {
  /** As written. */
  raw: string;
  /** Lower-case registry host (with port), Docker Hub aliases folded into `docker.io`. */
  registry: string;
  /** Repository path inside the registry (`library/nginx` for official Docker Hub images). */
  repository: string;
  tag: string | undefined;
  /** `algorithm:hex`, when pinned. */
  digest: string | undefined;
}

const DOCKER_HUB_ALIASES: ReadonlySet<string> = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** Lower-cases a registry host and folds the Docker Hub aliases into `docker.io`. */
export function normaliseRegistry(host: string): string {
  const lower = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? 'docker.io' : lower;
}

/** True when the first segment of a reference names a registry rather than a Docker Hub namespace. */
export function looksLikeRegistry(segment: string): boolean {
  return segment.includes('.') || segment.includes(':') || segment === 'localhost';
}

/** True for values that are not an image reference yet: unrendered templates and variable references. */
export function isTemplated(image: string): boolean {
  return /\{\{|\$\(|\$\{/.test(image);
}

/**
 * Parses an image reference; undefined for an empty or templated value.
 *
 * @example
 * parseImageReference('nginx:1.27') // { registry: 'docker.io', repository: 'library/nginx', tag: '1.27', digest: undefined, … }
 */
export function parseImageReference(raw: string): ImageReference | undefined {
  const image = raw.trim();
  if (image === '' || isTemplated(image)) return undefined;
  let name = image;
  let digest: string | undefined;
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
  }
  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  let registry: string;
  let repository: string;
  if (slash >= 0 && looksLikeRegistry(first)) {
    registry = normaliseRegistry(first);
    repository = name.slice(slash + 1);
  } else {
    registry = 'docker.io';
    repository = name;
  }
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  return { raw, registry, repository, tag: tag === '' ? undefined : tag, digest: digest === '' ? undefined : digest };
}

/** `registry/repository`, the name an allow-list entry is matched against. */
export function fullName(reference: ImageReference): string {
  return `${reference.registry}/${reference.repository}`;
}

export interface ContainerImage {
  visit: ContainerVisit;
  reference: ImageReference;
  /** Pointer of the container's `image` field. */
  pointer: string;
}

/**
 * Every container (init and ephemeral included) of every pod template with a parseable image.
 * Each image check asks for the same resource's list; resources do not change during a run, so
 * it is parsed once per resource.
 */
export function containerImages(resource: Resource): readonly ContainerImage[] {
  let images = imageCache.get(resource);
  if (!images) {
    images = Object.freeze(readContainerImages(resource));
    imageCache.set(resource, images);
  }
  return images;
}

const imageCache = new WeakMap<Resource, readonly ContainerImage[]>();

function readContainerImages(resource: Resource): ContainerImage[] {
  const out: ContainerImage[] = [];
  for (const template of podTemplates(resource)) {
    visitContainers(template.spec, `${template.pointer}/spec`, (visit) => {
      const image = visit.container['image'];
      if (typeof image !== 'string') return;
      const reference = parseImageReference(image);
      if (reference) out.push({ visit, reference, pointer: joinPointer(visit.pointer, 'image') });
    });
  }
  return out;
}
