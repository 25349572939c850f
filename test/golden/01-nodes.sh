# The company tour: the cluster's offices (nodes) and departments (namespaces).
kubectl get nodes
kubectl get nodes -o wide
k get no --show-labels
kubectl get namespaces
kubectl get ns kube-system -o name
kubectl get nodes -o name
kubectl describe node controlplane
kubectl get leases -n kube-node-lease
lab status
