# Imperative object creation: kubectl create, run and expose, as a CKA candidate uses them.
# First the generators' manifests, printed without touching the cluster.
kubectl create deployment web --image=nginx:1.25 --replicas=2 --port=80 --dry-run=client -o yaml
kubectl run probe --image=busybox --restart=Never --dry-run=client -o yaml -- sleep 3600
kubectl create service nodeport web --tcp=80:80 --node-port=30080 --dry-run=client -o yaml
# A dry run is a good way to start a manifest: save it, then create from the file.
kubectl create deployment web --image=nginx:1.25 --replicas=2 --port=80 --dry-run=client -o yaml > web.yaml
kubectl create -f web.yaml
kubectl create -f web.yaml
echo "status: $?"
lab step 30s
kubectl get deployment web
# Expose the Deployment: selector and port come from the object itself.
kubectl expose deployment web
kubectl expose deployment web --name=web-np --type=NodePort --port=80 --target-port=80
kubectl get svc
# Configuration objects.
kubectl create namespace dev
kubectl create configmap app-config --from-literal=mode=prod --from-literal=level=info -n dev
kubectl create secret generic db --from-literal=password=s3cret -n dev
kubectl get configmap app-config -n dev -o yaml
kubectl create configmap app-config --from-literal=mode=dev -n dev
echo "status: $?"
# Access control: a ServiceAccount, a Role and a RoleBinding, and a token for it.
kubectl create serviceaccount robot -n dev
kubectl create role pod-reader --verb=get,list,watch --resource=pods,pods/log -n dev
kubectl create rolebinding robot-reads-pods --role=pod-reader --serviceaccount=dev:robot -n dev
kubectl get role pod-reader -n dev -o yaml
kubectl auth can-i list pods -n dev --as=system:serviceaccount:dev:robot
# Batch work: a Job now, a CronJob for later, and a Job started by hand from the CronJob.
kubectl create job hello --image=busybox -- echo hello from a job
kubectl create cronjob tick --image=busybox --schedule="*/5 * * * *" -- date
kubectl create job tick-now --from=cronjob/tick
lab step 30s
kubectl get jobs
kubectl logs job/hello
# kubectl run: a Pod; with -i --rm --restart=Never it shows the output and cleans up.
kubectl run nginx --image=nginx:1.25 --port=80 --labels=app=nginx,tier=web
kubectl run once --image=busybox --rm -i --restart=Never -- echo hi
echo "status: $?"
lab step 30s
kubectl get pods
# Mistakes kubectl catches before sending anything.
kubectl create deployment broken
echo "status: $?"
kubectl create service clusterip bad
kubectl expose pod nginx --port=80 --name=nginx --dry-run=client -o yaml
kubectl run
