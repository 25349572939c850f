# kube-scheduler spreads the replicas of a ReplicaSet (or StatefulSet, or the Pods of a Service)
# across nodes by default: without any topologySpreadConstraints, its PodTopologySpread plugin scores
# {maxSkew: 5, topologyKey: kubernetes.io/hostname} (and {maxSkew: 3, topologyKey:
# topology.kubernetes.io/zone}, which these kubeadm nodes have no label for).
kubectl get nodes -L topology.kubernetes.io/zone
# A busy batch Pod takes a good share of node01, so node02 has the most free cpu and memory.
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: batch
spec:
  nodeName: node01
  containers:
  - name: batch
    image: busybox:1.36
    command: ["sleep", "3600"]
    resources:
      requests:
        cpu: 500m
        memory: 512Mi
YAML
lab step 30s
kubectl describe node node01 | grep -A 5 "Allocated resources"
# Four replicas: resource scoring alone would favour node02 for every one of them, but the
# default spreading (weight 2) outweighs it and the Deployment ends up two per node.
kubectl create deployment web --image=nginx:1.27 --replicas=4
lab step 30s
kubectl get pods -l app=web -o wide
kubectl get pods -l app=web -o custom-columns=NODE:.spec.nodeName --no-headers | sort | uniq -c
# A bare Pod belongs to no Service or controller: no default spreading, resources decide (node02).
kubectl run solo --image=nginx:1.27
lab step 30s
kubectl get pod solo -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName
# Scaled up, the new replicas keep the balance: three per node.
kubectl scale deployment web --replicas=6
lab step 30s
kubectl get pods -l app=web -o custom-columns=NODE:.spec.nodeName --no-headers | sort | uniq -c
