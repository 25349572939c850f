# Editing manifests without touching the cluster, and recording why a rollout happened.
# A client dry run prints the object kubectl would send: a good start for a manifest file.
kubectl create deployment web --image=nginx:1.25 --replicas=2 --dry-run=client -o yaml > web.yaml
# --local changes the file's object on the client only; -o yaml prints the result to keep.
kubectl set image -f web.yaml nginx=nginx:1.27 --local -o yaml > web-1.27.yaml
kubectl set resources -f web-1.27.yaml --limits=cpu=200m,memory=256Mi --local -o yaml > web-final.yaml
kubectl label -f web-final.yaml tier=front --local -o yaml > web-labelled.yaml
grep -n 'image:\|cpu\|tier' web-labelled.yaml
# --local refuses objects named on the command line: it never asks the server for them.
kubectl label deployment web tier=front --local
kubectl set image deployment/web nginx=nginx:1.27 --local
kubectl apply -f web-labelled.yaml
lab step 30s
kubectl rollout status deployment/web
# --record is deprecated but still writes the command line to kubernetes.io/change-cause,
# which rollout history shows for each revision.
kubectl set image deployment/web nginx=nginx:1.28 --record
lab step 30s
kubectl rollout history deployment/web
kubectl get deployment web -o jsonpath='{.metadata.annotations.kubernetes\.io/change-cause}{"\n"}'
# Flags are checked as kubectl checks them: cordon has no -o, a group has no flags of its own.
kubectl cordon -o yaml node-1
kubectl rollout --watch
kubectl scale deployment web --replicas=many
