/** Minimal pods for the image checks: one container whose image and pull policy vary. */
export const podWithImage = (image: string, extra = '') => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers:
    - name: app
      image: "${image}"${extra}`;

/** A CronJob with an init container and an ephemeral container using `image`, and a clean app container. */
export const cronJobWithImages = (image: string, extra = '') => `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c, namespace: shop}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - {name: init, image: "${image}"${extra}}
          containers:
            - {name: job, image: "registry.example.com/job:1@sha256:0123"}
          ephemeralContainers:
            - {name: dbg, image: "${image}"${extra}}`;

export const DIGEST = 'sha256:3b8c1f0e6d2a4b5c7e9f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7';
