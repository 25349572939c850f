# nginx serves its docroot from the container's files: the image's welcome page, a ConfigMap mounted
# over /usr/share/nginx/html (which hides the image's files), and a page written with kubectl exec.
kubectl create configmap site --from-literal=index.html='<h1>from a ConfigMap</h1>'
cat > site.yaml <<'Y'
apiVersion: v1
kind: Pod
metadata:
  name: site
spec:
  containers:
  - name: nginx
    image: nginx:1.25
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
  volumes:
  - name: html
    configMap:
      name: site
---
apiVersion: v1
kind: Pod
metadata:
  name: plain
spec:
  containers:
  - name: nginx
    image: nginx:1.25
Y
kubectl apply -f site.yaml
lab step 30s
curl -s $(kubectl get pod site -o jsonpath='{.status.podIP}')
curl -s $(kubectl get pod site -o jsonpath='{.status.podIP}')/missing.html
kubectl exec plain -- sh -c 'echo "<p>written in the container</p>" > /usr/share/nginx/html/hello.html'
curl -s $(kubectl get pod plain -o jsonpath='{.status.podIP}')/hello.html
curl -s $(kubectl get pod plain -o jsonpath='{.status.podIP}') | grep title
kubectl logs site | tail -3
