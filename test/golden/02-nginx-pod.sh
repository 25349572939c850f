# The seeds' walkthrough: apply nginx-pod.yaml and watch the Pod start.
cat nginx-pod.yaml
kubectl apply -f nginx-pod.yaml
kubectl get pods
lab step 2s
kubectl get pods -o wide
lab step 30s
kubectl get pods -o wide
kubectl apply -f nginx-pod.yaml
kubectl describe pod nginx-pod
kubectl get pod nginx-pod -o yaml
kubectl get events --field-selector involvedObject.name=nginx-pod
kubectl delete pod nginx-pod
kubectl get pods
echo "status: $?"
