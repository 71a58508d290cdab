import { contractMarkerGlob, contractRootOfMarker, isContractMarker } from './contract-marker';

describe('contract markers', () => {
  it('globs model/reference.json and model/model.<ext> at any depth, the root included', () => {
    expect(contractMarkerGlob).toBe('**/model/{reference.json,model.*}');
  });

  it.each(['model/reference.json', 'model/model.joblib', 'a/b/model/reference.json', 'x/model/model.tar.gz', 'a\\model\\model.bst'])(
    'takes %s as a marker',
    (file) => expect(isContractMarker(file)).toBe(true),
  );

  it.each(['model.joblib', 'a/model/other.json', 'a/models/reference.json', 'a/model/model', 'a/model/sub/reference.json', 'a/explainer/reference.json'])(
    'does not take %s as a marker',
    (file) => expect(isContractMarker(file)).toBe(false),
  );

  it.each([
    ['model/reference.json', '.'],
    ['./model/model.onnx', '.'],
    ['subfolder_1/model/reference.json', 'subfolder_1'],
    ['a/b/c/model/model.joblib', 'a/b/c'],
    ['a/model/model/reference.json', 'a/model'],
    ['a\\b\\model\\reference.json', 'a/b'],
  ])('the contract of %s is at %s', (file, root) => {
    expect(contractRootOfMarker(file)).toBe(root);
  });
});
