# Rolling out a new version of a Deployment, watching it, and rolling it back.
kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
EOF
# rollout status waits (on the lab clock) until every replica is updated and available.
kubectl rollout status deployment/web
kubectl rollout history deployment/web
# A new image means a new pod template: a second ReplicaSet and revision 2.
kubectl set image deployment/web nginx=nginx:1.27
kubectl rollout status deployment/web
kubectl get rs -l app=web
kubectl rollout history deployment/web
kubectl rollout history deployment/web --revision=2
# Asking for a revision that does not exist, and for the one already running.
kubectl rollout undo deployment/web --to-revision=9
kubectl rollout undo deployment/web --to-revision=2
# Undo goes back to the previous template; it comes back as revision 3.
kubectl rollout undo deployment/web
kubectl rollout status deployment/web
kubectl rollout history deployment/web
kubectl get deployment web -o wide
# Pause to batch several changes into one rollout, then resume.
kubectl rollout pause deployment/web
kubectl rollout pause deployment/web
kubectl set env deployment/web MODE=blue
kubectl set resources deployment/web --requests=cpu=100m,memory=64Mi
lab step 30s
kubectl rollout status deployment/web --watch=false
kubectl rollout resume deployment/web
kubectl rollout status deployment/web
kubectl set env deployment/web --list
# A restart rolls every Pod without changing the spec (a restartedAt annotation).
kubectl rollout restart deployment/web
kubectl rollout status deployment/web --timeout=2m
kubectl rollout history deployment/web
# Scaling goes through the scale subresource; autoscale creates an HPA.
kubectl scale deployment web --replicas=5
kubectl scale deployment web --replicas=2 --current-replicas=3
kubectl scale deployment web --replicas=3 --current-replicas=5
lab step 30s
kubectl get deployment web
kubectl autoscale deployment web --min=2 --max=6 --cpu-percent=70 --dry-run=client -o yaml
kubectl autoscale deployment web --min=2 --max=6 --cpu-percent=70
kubectl get hpa
echo "status: $?"
