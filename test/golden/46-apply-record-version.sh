# Follow-ups from the kubectl parity audit: apply and edit with --record, describe -k,
# delete --raw, version -o yaml|json, and the errors of bare commands.
mkdir -p app
kubectl create deployment web --image=nginx:1.26 --replicas=2 --dry-run=client -o yaml > app/web.yaml
printf 'resources:\n- web.yaml\n' > app/kustomization.yaml
# --record is deprecated: pflag says so on stderr, and apply still records the command line.
kubectl apply -f app/web.yaml --record
lab step 30s
kubectl get deploy web -o jsonpath='{.metadata.annotations.kubernetes\.io/change-cause}{"\n"}'
# The recorded cause is part of what apply saved as last-applied too.
kubectl get deploy web -o jsonpath='{.metadata.annotations.kubectl\.kubernetes\.io/last-applied-configuration}' | grep -o '"kubernetes.io/change-cause":"[^"]*"'
# Change the image and record it: rollout history lists both causes.
sed -i 's/nginx:1.26/nginx:1.27/' app/web.yaml
kubectl apply -f app/web.yaml --record
lab step 30s
kubectl rollout history deploy/web
# describe reads a kustomization with -k, like apply and delete.
kubectl describe -k app | head -3
# A bare describe or apply says what is missing, in one line.
kubectl describe
kubectl apply
# delete --raw sends a DELETE to an API path and prints the server's answer.
kubectl run tmp --image=busybox:1.36 -- sleep 3600
lab step 30s
kubectl delete --raw /api/v1/namespaces/default/pods/tmp | head -c 60; echo
kubectl delete --raw pods/tmp
# version prints version.Info as YAML or JSON.
kubectl version --client -o yaml
kubectl version -o json
