import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import jsYaml from 'js-yaml';
import { splitDocuments } from '../src/source/split-documents.js';

// Builds benchmark corpora by replicating the real-world manifests in ../shared/corpus. Each replica
// moves its objects to namespaces of their own (`argocd` → `argocd-r7`), as many tenants would.

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const SHARED_CORPUS = resolve(REPO_ROOT, '..', 'shared', 'corpus');
export const BENCH_CORPUS = join(REPO_ROOT, 'bench', 'corpus');
const CORPUS_FORMAT = 'v2';

interface SourceFile {
  readonly name: string;
  readonly documents: readonly string[];
}

export function readSourceCorpus(): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory).sort()) {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry)) {
        const documents = splitDocuments(readFileSync(path, 'utf8')).map((slice) => slice.text.replace(/^---[^\n]*\n/, ''));
        if (documents.length > 0) files.push({ name: relative(SHARED_CORPUS, path).replace(/[/\\]/g, '__'), documents });
      }
    }
  };
  walk(SHARED_CORPUS);
  return files;
}

function replicate(document: string, replica: number): string {
  const text = document.replace(/^([ \t]*namespace:[ \t]*)([a-z0-9][a-z0-9-]*)[ \t]*$/gm, `$1$2-r${replica}`);
  return text.endsWith('\n') ? text : `${text}\n`;
}

export interface Corpus {
  readonly name: string;
  readonly path: string;
  readonly documents: number;
  readonly bytes: number;
  readonly files: number;
}

/** One multi-document file with `target` documents (whole source files are replicated in turn). */
export function singleFileCorpus(target: number): Corpus {
  return oneFile(`single-${label(target)}-${CORPUS_FORMAT}.yaml`, `${label(target)} documents, one file`, target, () => true);
}

const CRD = /^kind:[ \t]*CustomResourceDefinition[ \t]*$/m;

/**
 * The mix users mostly scan: the source documents without CustomResourceDefinitions (workloads,
 * Services, RBAC, NetworkPolicies, ConfigMaps: about 3.4 KB each), replicated into one file.
 */
export function smallDocumentsCorpus(target: number): Corpus {
  return oneFile(`small-${label(target)}-${CORPUS_FORMAT}.yaml`, `${label(target)} small documents (no CRDs), one file`, target, (document) => !CRD.test(document));
}

function oneFile(fileName: string, name: string, target: number, keep: (document: string) => boolean): Corpus {
  const path = join(BENCH_CORPUS, fileName);
  if (!existsSync(path)) {
    mkdirSync(BENCH_CORPUS, { recursive: true });
    const parts: string[] = [];
    let count = 0;
    const sources = readSourceCorpus();
    for (let replica = 0; count < target; replica++) {
      for (const file of sources) {
        for (const document of file.documents) {
          if (count >= target) break;
          if (!keep(document)) continue;
          parts.push(`---\n${replicate(document, replica)}`);
          count++;
        }
      }
    }
    writeFileSync(path, parts.join(''));
  }
  return { name, path, documents: target, bytes: statSync(path).size, files: 1 };
}

/** A directory of files holding `target` documents: the source files replicated, one file per copy. */
export function directoryCorpus(target: number): Corpus {
  const path = join(BENCH_CORPUS, `dir-${label(target)}-${CORPUS_FORMAT}`);
  const marker = join(path, '.complete');
  if (!existsSync(marker)) {
    rmSync(path, { recursive: true, force: true });
    mkdirSync(path, { recursive: true });
    let count = 0;
    const sources = readSourceCorpus();
    for (let replica = 0; count < target; replica++) {
      const directory = join(path, `r${replica}`);
      mkdirSync(directory);
      for (const file of sources) {
        if (count >= target) break;
        const documents = file.documents.slice(0, target - count).map((document) => replicate(document, replica));
        writeFileSync(join(directory, file.name), documents.map((document) => `---\n${document}`).join(''));
        count += documents.length;
      }
    }
    writeFileSync(marker, String(target));
  }
  let bytes = 0;
  let files = 0;
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory)) {
      const full = join(directory, entry);
      const info = statSync(full);
      if (info.isDirectory()) walk(full);
      else if (entry.endsWith('.yaml') || entry.endsWith('.yml')) {
        bytes += info.size;
        files++;
      }
    }
  };
  walk(path);
  return { name: `${label(target)} documents, ${files} files`, path, documents: target, bytes, files };
}

function label(count: number): string {
  return count >= 1000 ? `${count / 1000}k` : String(count);
}

/** The same `count` Pods twice: as one JSON `kind: List`, and as JSON documents of one YAML stream. */
export function listCorpus(count: number): { list: Corpus; documents: Corpus } {
  const listPath = join(BENCH_CORPUS, `list-${count}-pods-${CORPUS_FORMAT}.json`);
  const documentsPath = join(BENCH_CORPUS, `list-${count}-pods-as-documents-${CORPUS_FORMAT}.yaml`);
  if (!existsSync(listPath) || !existsSync(documentsPath)) {
    mkdirSync(BENCH_CORPUS, { recursive: true });
    const pods = Array.from({ length: count }, (_, index) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${index}`, namespace: `team-${index % 5}`, labels: { app: `app-${index}` } },
      spec: { containers: [{ name: 'main', image: `registry.example.com/app:1.${index}`, ports: [{ containerPort: 8080 }], securityContext: { privileged: index % 2 === 0 } }] },
    }));
    writeFileSync(listPath, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: pods }, null, 2));
    writeFileSync(documentsPath, pods.map((pod) => JSON.stringify(pod, null, 2)).join('\n---\n'));
  }
  return {
    list: { name: `${count} Pods as one JSON List`, path: listPath, documents: count, bytes: statSync(listPath).size, files: 1 },
    documents: { name: `${count} Pods as JSON documents`, path: documentsPath, documents: count, bytes: statSync(documentsPath).size, files: 1 },
  };
}

/** One file of small, ordinary Deployments (about 600 bytes and 13 findings each) of about `mebibytes` MiB. */
export function largeDeploymentsCorpus(mebibytes: number): Corpus {
  const path = join(BENCH_CORPUS, `deployments-${mebibytes}mib-${CORPUS_FORMAT}.yaml`);
  if (!existsSync(path)) {
    mkdirSync(BENCH_CORPUS, { recursive: true });
    const parts: string[] = [];
    let size = 0;
    for (let index = 0; size < mebibytes * 1024 * 1024; index++) {
      const labels = { app: `app-${index}` };
      const document = jsYaml.dump({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `app-${index}`, namespace: `team-${index % 50}`, labels },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [{
                name: 'main',
                image: `registry.example.com/app-${index}:1.${index % 7}.0`,
                ports: [{ containerPort: 8080 }],
                resources: { requests: { cpu: '100m', memory: '128Mi' } },
                securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true },
              }],
            },
          },
        },
      }, { noRefs: true });
      parts.push(document);
      size += document.length + 4;
    }
    writeFileSync(path, parts.join('---\n'));
  }
  const documents = (readFileSync(path, 'utf8').match(/^kind: Deployment$/gm) ?? []).length;
  return { name: `${documents.toLocaleString('en-US')} small Deployments, one file`, path, documents, bytes: statSync(path).size, files: 1 };
}
