/** Minimal workloads for the reliability checks. */
export const deployment = (spec: string, container = '{name: app, image: app:1}', name = 'cart') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:${spec}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}, tier: backend}}
    spec:
      containers:
        - ${container}`;

export const pdb = (spec: string, apiVersion = 'policy/v1', name = 'cart') => `
apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata: {name: ${name}, namespace: shop}
spec:
${spec}`;

export const hpa = (minReplicas: string, target = 'cart') => `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: ${target}, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  ${minReplicas}
  maxReplicas: 10`;
